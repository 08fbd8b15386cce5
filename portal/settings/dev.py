"""Settings for a developer's machine: `make run` serves these."""

from .base import *  # noqa: F403

# `make run` shows the portal's own 404, 403 and 500 pages, as people will meet them;
# `make run DEBUG=1` shows Django's debug pages instead.
DEBUG = env.bool("DJANGO_DEBUG", default=False)  # noqa: F405
# Demo content for `make run`, the scale seeder and the benchmark.
INSTALLED_APPS = [*INSTALLED_APPS, "portal.devtools"]  # noqa: F405
SECRET_KEY = "dev-only-secret-key-never-used-in-production"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
INTERNAL_IPS = ["127.0.0.1"]

# The worker that `make run` starts prints each email on its console.
PORTAL_EMAIL_SENDING_BACKEND = "django.core.mail.backends.console.EmailBackend"

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# runserver serves static files only in debug mode; WhiteNoise serves them either way,
# straight from the apps' folders and as they are edited, with no collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The demo logins printed by `make run` are short words, not real passwords.
AUTH_PASSWORD_VALIDATORS = []
PORTAL_DEMO_CONTENT_ALLOWED = True

# Keep the console for requests and problems; the demo loader's page-by-page
# audit lines would bury the demo logins it prints.
LOGGING["root"]["level"] = env.str("DJANGO_LOG_LEVEL", default="WARNING")  # noqa: F405
