"""What a person may do, kept in the shared cache until a role or a permission changes.

Every page asks the named predicates, and Django's ModelBackend answers them from two
queries (the person's own permissions and their roles') and the predicates that need
a tier read the person's roles with a third. People's roles change seldom, and every
such change renews the PEOPLE scope of portal.freshness (portal.apps), so the answers
are kept under its version: the next request on any app server after a change reads
them anew.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from . import freshness


def kept_answer(user, what: str, read, *, also: tuple[str, ...] = ()):
    """`read()`, kept for `user` until their roles or rights change, or any of the
    freshness scopes `also` names (say, the page tree for a right over one page)."""
    versions = freshness.versions_of(freshness.PEOPLE, *also)
    key = f"access:{what}:{user.pk}:{':'.join(versions.values())}"
    return cache.get_or_set(key, read, settings.PORTAL_FRAGMENT_SECONDS)


class KeptPermissionsBackend(ModelBackend):
    """Django's ModelBackend, its answer for a person kept until their roles change."""

    def get_all_permissions(self, user_obj, obj=None):
        unread = not hasattr(user_obj, "_perm_cache")
        if unread and user_obj.is_active and not user_obj.is_anonymous and obj is None:
            read = partial(ModelBackend.get_all_permissions, self, user_obj)
            user_obj._perm_cache = kept_answer(user_obj, "permissions", read)
        return super().get_all_permissions(user_obj, obj)


def role_names(user) -> frozenset[str]:
    """The names of the roles (groups) `user` holds, kept until a role changes."""
    return kept_answer(user, "roles", lambda: frozenset(user.groups.values_list("name", flat=True)))
