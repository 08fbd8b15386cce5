"""Production settings fail loudly without their secrets and pass Django's deploy check."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.portal.csp import csp_directives

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "DJANGO_SECRET_KEY": "x7#kq!v2-production-like-secret-with-enough-entropy-9z$w1m0p",
    "DJANGO_ALLOWED_HOSTS": "policies.example.com",
    "DATABASE_URL": "sqlite:///:memory:",
}


def run_python(*args, env):
    """Run this interpreter in a fresh process with `env` and none of this run's settings."""
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, *args],
        cwd=PROJECT_DIR,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_manage(*args, env):
    return run_python("manage.py", *args, env=env)


# An anonymous visit through the load balancer, as production answers it.
ANONYMOUS_VISIT = """
import json
from django.test import Client
response = Client().get("/", HTTP_HOST="policies.example.com", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({"status": response.status_code, **response.headers}))
"""


def test_production_check_deploy_reports_no_issues():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}

    result = run_manage("check", env=env)

    assert result.returncode != 0
    assert f"Set the {missing} environment variable" in result.stderr


def test_production_responses_carry_the_security_headers():
    result = run_manage("shell", "-v", "0", "-c", ANONYMOUS_VISIT, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    headers = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("{")))
    assert headers["status"] == 302
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert csp_directives(headers["Content-Security-Policy"])["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in headers["Content-Security-Policy"]


DATABASE_CONNECTION = """
import json
from django.conf import settings
database = settings.DATABASES["default"]
print(json.dumps([database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"]]))
"""


@pytest.mark.parametrize(("configured", "kept"), [({}, 60), ({"DATABASE_CONN_MAX_AGE": "0"}, 0)])
def test_production_workers_keep_their_database_connection(configured, kept):
    result = run_manage("shell", "-c", DATABASE_CONNECTION, env={**PRODUCTION_ENV, **configured})

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [kept, True]


def test_the_loaded_application_is_set_aside_from_garbage_collection():
    result = run_python(
        "-c", "import gc, portal.wsgi; print(gc.get_freeze_count())", env=PRODUCTION_ENV
    )

    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip().splitlines()[-1]) > 10_000


SHARED_STATE = """
import json
from django.conf import settings
print(json.dumps([settings.SESSION_ENGINE, settings.AXES_HANDLER, settings.CACHES["default"]]))
"""


def test_production_app_servers_share_sessions_login_pauses_and_the_cache():
    result = run_manage(
        "shell", "-c", SHARED_STATE, env={**PRODUCTION_ENV, "REDIS_URL": "redis://cache:6379/0"}
    )

    assert result.returncode == 0, result.stderr
    session, login_pauses, cache = json.loads(result.stdout.strip().splitlines()[-1])
    assert (session, login_pauses) == (
        "django.contrib.sessions.backends.db",
        "axes.handlers.database.AxesDatabaseHandler",
    )
    assert cache == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache:6379/0",
        # Named by the database, as on every server that shares it.
        "KEY_PREFIX": cache["KEY_PREFIX"],
    }
    assert len(cache["KEY_PREFIX"]) == 12


DEV_TOOLS_LOADED = """
import json, sys
import django
from django.conf import settings
django.setup()
print(json.dumps({
    "modules": sorted(name for name in sys.modules if name.startswith("portal.devtools")),
    "installed": "portal.devtools" in settings.INSTALLED_APPS,
}))
"""


def test_production_settings_import_nothing_of_the_dev_tools():
    result = run_python("-c", DEV_TOOLS_LOADED, env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded == {"modules": [], "installed": False}
