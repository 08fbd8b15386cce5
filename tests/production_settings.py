"""Production settings, for running the hostile-input tables against them in CI.

Everything is as `portal.settings.production` makes it, from the environment,
except three stand-ins for what a test run cannot have: background tasks run at
once, as if the worker took each the moment it was queued (search finds what
was just recorded); passwords are hashed quickly, since the tables log in
dozens of people and the hash's cost is not what they test; and each test
process, which has a test database of its own, has a cache of its own too
(production's shared cache would mix the processes' databases).
"""

from portal.settings.production import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
