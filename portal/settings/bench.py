"""Settings for `make bench`: production's, plus the dev tools that hold the benchmark.

The benchmark measures the portal as production serves it, so everything comes
from production.py and the environment; only the app with the `bench` and
`bench_exports` commands is added, here rather than in production.py, which
never imports the dev tools. Demo content stays refused (no
PORTAL_DEMO_CONTENT_ALLOWED): seed the database with dev settings first.
"""

from .production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "portal.devtools"]  # noqa: F405

# The bench only reads, so each worker's own memory serves what Redis would, without the
# round trip; writing to the cache is tested by the two-server check (make cluster-check).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
