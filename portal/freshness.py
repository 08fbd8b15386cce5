"""Versions of what the portal's cached fragments show, bumped by every event that changes it.

A fragment that is the same for every reader is cached under a key that includes the
versions of what it shows (`{% wagtailcache ... freshness.policies %}`). Each event
that changes such things (a version going live, a case recorded, a name changed)
gives their scope a new version once its transaction commits, so the next request
on any app server builds the fragment afresh: nothing is ever stale, and nothing is
ever deleted by hand. The versions live in the shared cache (Redis in production);
one that is lost is simply made anew, which only costs one rebuild.

A fragment's key also names the release that rendered it (`release`), so a server
running new templates or static files never shows markup an older release cached.

A scope is bumped at once and again after the commit: a request that read the first
new version before the change was committed may keep the old content under it, but
nobody reads that version once the second is made. The first one lets the request
that made the change (and a test, whose transaction never commits) see it at once.
"""

import functools
import hashlib
import uuid
from pathlib import Path

import wagtail
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template import engines
from django.utils import timezone

# Published policy content, the policy tree, review dates and owners.
POLICIES = "policies"
# Every case and its history.
CASES = "cases"
# Signatures of policy versions.
SIGNATURES = "signatures"
# People's names and roles.
PEOPLE = "people"
# Policy changes waiting for approval or sent back.
WORKFLOWS = "workflows"
SCOPES = (POLICIES, CASES, SIGNATURES, PEOPLE, WORKFLOWS)


def cases_of_policy(policy_id: int) -> str:
    """The scope of one policy's cases, renewed with every change to one of them."""
    return f"{CASES}:policy:{policy_id}"


def _key(scope: str) -> str:
    return f"freshness:{scope}"


def versions_of(*scopes: str) -> dict[str, str]:
    """The current version of each scope, in one round trip to the cache."""
    keys = {_key(scope): scope for scope in scopes}
    found = cache.get_many(list(keys))
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    for key, version in missing.items():
        # Another server may have made it meanwhile: then its version is the one.
        if not cache.add(key, version, timeout=None):
            missing[key] = cache.get(key) or version
    return {scope: found.get(key) or missing[key] for key, scope in keys.items()}


def bump(*scopes: str) -> None:
    """Give each scope a new version now, and again once the current transaction commits."""

    def renew():
        cache.set_many({_key(scope): uuid.uuid4().hex for scope in scopes}, timeout=None)

    renew()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(renew)


@functools.cache
def release() -> str:
    """A digest of what this server renders pages with: the portal's templates and static
    files, and Wagtail's version (its templates). Read once per process."""
    digest = hashlib.blake2b(wagtail.__version__.encode(), digest_size=8)
    for named in [*engines["django"].dirs, *settings.STATICFILES_DIRS]:
        folder = Path(str(named))
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                digest.update(file.relative_to(folder).as_posix().encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()


class Versions:
    """Every scope's version for the keys of cached fragments, with the release that renders
    them, read from the cache on first use only."""

    def __init__(self):
        self._versions: dict[str, str] | None = None

    def __getattr__(self, scope: str) -> str:
        if scope.startswith("_") or scope not in SCOPES:
            raise AttributeError(scope)
        if self._versions is None:
            self._versions = versions_of(*SCOPES)
        return f"{self._versions[scope]}.{release()}"


def fragment_versions(request) -> dict:
    """Context processor: `freshness`, the versions for the keys of cached fragments, and how long a
    fragment is kept at most (`fragment_seconds`): its versions, not its age, make it
    fresh, so this only bounds what an unused fragment holds of the cache. A fragment that
    shows deadlines also names `this_minute`, the portal's clock to the minute; one whose
    figures count whole days names `today`."""
    now = timezone.localtime()
    return {
        "freshness": Versions(),
        "fragment_seconds": settings.PORTAL_FRAGMENT_SECONDS,
        "this_minute": f"{now:%Y%m%d%H%M}",
        "today": f"{now:%Y%m%d}",
    }
