"""The four roles of the portal, as Django groups, and the admin permission they share.

What each role may do is granted in portal.structure from the permission
constants each app names in its own permissions module; the apps ask those
named predicates, never a role's name.
"""

STAFF = "Staff"
SUPERVISORS = "Supervisors"
POLICY_OWNERS = "Policy owners"
LEADERSHIP = "Leadership"

# Wagtail's admin is below every app: owners and leadership edit pages in it.
ACCESS_ADMIN = "wagtailadmin.access_admin"


def may_use_admin(user) -> bool:
    """Owners and leadership edit pages in Wagtail's admin; other roles never see it."""
    return user.has_perm(ACCESS_ADMIN)
