"""Settings for the pytest suite: fast hashing, memory cache and mail."""

from .base import *  # noqa: F403

DEBUG = False
# The dev tools are tested too, and the suite seeds demo content with them.
INSTALLED_APPS = [*INSTALLED_APPS, "portal.devtools"]  # noqa: F405
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_EMAIL_SENDING_BACKEND = EMAIL_BACKEND
# Background tasks run at once, as if the worker took them the moment they were
# queued; tests of the queue itself switch to the database backend.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PORTAL_DEMO_CONTENT_ALLOWED = True
