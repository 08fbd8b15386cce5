"""`make run`'s settings: the portal's own error pages unless debug pages are asked for,
and styled pages either way."""

import json

import pytest

from tests.portal.test_settings import run_python

DEV_ENV = {"DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
# What a fresh process with the dev settings says about itself.
REPORT = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
stylesheet = Client(HTTP_HOST="localhost").get("/static/css/portal.css")
print(json.dumps({"debug": settings.DEBUG, "stylesheet": stylesheet.status_code}))
"""


@pytest.mark.parametrize(("asked", "debug"), [(None, False), ("", False), ("1", True)])
def test_debug_pages_only_when_asked_for_and_styles_served_either_way(asked, debug):
    env = DEV_ENV if asked is None else {**DEV_ENV, "DJANGO_DEBUG": asked}

    result = run_python("-c", REPORT, env=env)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == {"debug": debug, "stylesheet": 200}
