# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-main: requirements/main.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/main.txt
	touch $@

$(VENV)/.installed-test: requirements/test.txt | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/test.txt
	touch $@ $(VENV)/.installed-main

## Create the virtualenv, migrate the SQLite database, load the demo and serve the portal.
run: $(VENV)/.installed-main
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Serving the portal at http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Install what the tests need and run the whole suite.
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Re-resolve the locked dependencies from pyproject.toml (needs uv).
lock:
	uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes -o requirements/main.txt
	uv pip compile pyproject.toml --extra test --universal --python-version 3.11 --generate-hashes -o requirements/test.txt

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
