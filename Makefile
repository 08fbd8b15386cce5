# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run DEBUG=1` shows Django's debug pages instead of the portal's own error pages.
DEBUG ?=

.PHONY: run test lint format lock clean seed-scale bench bench-sizes bench-exports cluster-check

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-main: requirements/main.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/main.txt
	touch $@

$(VENV)/.installed-test: requirements/test.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/test.txt
	touch $@ $(VENV)/.installed-main

## Create the virtualenv, migrate the SQLite database, load the demo and serve the portal,
## with the background worker that sends its mail beside it.
run: $(VENV)/.installed-main
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Serving the portal at http://$(HOST):$(PORT)/ with its background worker (Ctrl-C stops both)"
	$(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	DJANGO_DEBUG=$(DEBUG) $(BIN)/python manage.py runserver $(HOST):$(PORT)

## Install what the tests need and run the whole suite.
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# Measuring at scale: a PostgreSQL database of its own, served with production settings
# (portal.settings.bench adds only the app that holds the benchmark's commands).
BENCH_DB ?= portal_bench
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(BENCH_DB)
BENCH_ENV = DJANGO_SETTINGS_MODULE=portal.settings.bench \
	DJANGO_SECRET_KEY=bench-$$(head -c 24 /dev/urandom | base64 | tr -d '/+=') \
	DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost DJANGO_SECURE_SSL_REDIRECT=false \
	DATABASE_URL=$(BENCH_DATABASE_URL)

## Empty $(BENCH_DB) and seed the large company into it (SCALE_ARGS="--cases 20000" for less).
seed-scale: $(VENV)/.installed-main
	-createdb -h 127.0.0.1 -U postgres $(BENCH_DB) 2>/dev/null
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py seed_scale --reset $(SCALE_ARGS)

## Measure every page with wrk against gunicorn on $(BENCH_DB); BENCH_ARGS="--label large".
bench: $(VENV)/.installed-main
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	env $(BENCH_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	env $(BENCH_ENV) $(BIN)/python manage.py bench $(BENCH_ARGS)

## Measure $(BENCH_DB) and $(BENCH_LARGE_DB) in the same rounds, each page on both in turn,
## and compare them (seed the larger with `make seed-scale BENCH_DB=portal_bench200`).
BENCH_LARGE_DB ?= portal_bench200
bench-sizes: $(VENV)/.installed-main
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	env $(BENCH_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	env $(BENCH_ENV) $(BIN)/python manage.py bench \
		--beside postgres://postgres@127.0.0.1:5432/$(BENCH_LARGE_DB) $(BENCH_ARGS)

## Export every case as CSV, two downloads at once, while other pages are measured.
bench-exports: $(VENV)/.installed-main
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	env $(BENCH_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	env $(BENCH_ENV) $(BIN)/python manage.py bench_exports $(BENCH_ARGS)

# Two app servers on one database and one cache: a PostgreSQL database of its own,
# emptied and seeded with the demo content on every run, and a Redis database, emptied too.
CLUSTER_DB ?= portal_cluster
CLUSTER_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/$(CLUSTER_DB)
CLUSTER_REDIS_URL ?= redis://127.0.0.1:6379/15

## Start gunicorn servers a and b (production settings) behind HAProxy and check that a
## sign-in, a new case, an approved version and a login pause on one show on the other.
cluster-check: $(VENV)/.installed-main
	@command -v haproxy >/dev/null || test -x /usr/sbin/haproxy || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null; }
	dropdb -h 127.0.0.1 -U postgres --if-exists $(CLUSTER_DB) 2>/dev/null
	createdb -h 127.0.0.1 -U postgres $(CLUSTER_DB)
	DATABASE_URL=$(CLUSTER_DATABASE_URL) $(BIN)/python manage.py cluster_check --redis-url $(CLUSTER_REDIS_URL)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Re-resolve the locked dependencies from pyproject.toml (needs uv).
lock:
	uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes -o requirements/main.txt
	uv pip compile pyproject.toml --extra test --universal --python-version 3.11 --generate-hashes -o requirements/test.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
