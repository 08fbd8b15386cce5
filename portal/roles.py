"""The four roles of the portal, as Django groups, and the admin permission they share.

What each role may do is granted in portal.structure from the permission
constants each app names in its own permissions module; the apps ask those
named predicates, never a role's name.
"""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

STAFF = "Staff"
SUPERVISORS = "Supervisors"
POLICY_OWNERS = "Policy owners"
LEADERSHIP = "Leadership"

# Wagtail's admin is below every app: owners and leadership edit pages in it.
ACCESS_ADMIN = "wagtailadmin.access_admin"


def may_use_admin(user) -> bool:
    """Owners and leadership edit pages in Wagtail's admin; other roles never see it."""
    return user.has_perm(ACCESS_ADMIN)


def people_with(permission: str) -> QuerySet:
    """Active people who hold `permission` through a role or in their own right.

    Administrators hold every permission, but no role asks anything of them, so they
    are not counted.
    """
    return get_user_model().objects.with_perm(
        permission,
        include_superusers=False,
        # Of the two backends configured, only Django's own knows who holds a permission.
        backend="portal.access.KeptPermissionsBackend",
    )
