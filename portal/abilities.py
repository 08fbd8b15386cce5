"""What the signed-in user may do, for templates: each answer from an app's named predicate.

Templates ask `may.record_cases` rather than a permission string, so a page
shows a link exactly when the view behind it would let the user in. Answers
are worked out on first use and kept for the request: a page that never asks
about escalations never looks up the user's tier.
"""

from functools import cached_property

from django.contrib.auth.models import AnonymousUser

from exceptions import permissions as case_permissions
from policies import permissions as policy_permissions
from portal import roles
from portal.api.permissions import may_hold_api_tokens


class Abilities:
    def __init__(self, user):
        self._user = user

    @cached_property
    def view_cases(self) -> bool:
        return case_permissions.may_view_cases(self._user)

    @cached_property
    def record_cases(self) -> bool:
        return case_permissions.may_record(self._user)

    @cached_property
    def decide_escalations(self) -> bool:
        return case_permissions.may_decide_escalations(self._user)

    @cached_property
    def read_changes(self) -> bool:
        return policy_permissions.may_read_changes(self._user)

    @cached_property
    def view_insights(self) -> bool:
        return policy_permissions.may_view_insights(self._user)

    @cached_property
    def view_coverage(self) -> bool:
        return policy_permissions.may_view_coverage(self._user)

    @cached_property
    def approve_changes(self) -> bool:
        return policy_permissions.may_approve_changes(self._user)

    @cached_property
    def hold_api_tokens(self) -> bool:
        return may_hold_api_tokens(self._user)

    @cached_property
    def use_admin(self) -> bool:
        return roles.may_use_admin(self._user)


def abilities(request) -> dict[str, Abilities]:
    """Context processor: `may`, the user's abilities, on every template.

    A request that never passed the authentication middleware (a template
    rendered on its own) may nothing, as Django's own `user` is anonymous then.
    """
    return {"may": Abilities(getattr(request, "user", AnonymousUser()))}
