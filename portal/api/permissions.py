"""Who may use the API for what: the portal's own predicates, asked by name.

The API decides nothing for itself: reading cases, recording and deciding them
are answered by exceptions.permissions, as the pages ask them, and the case
services check them again against the case as it stands.
"""

from rest_framework.permissions import BasePermission

from exceptions import permissions as case_permissions


def may_hold_api_tokens(user) -> bool:
    """People with a role in the portal make tokens; a token acts with that role."""
    return user.is_authenticated and case_permissions.user_tier(user) is not None


class AllowedIf(BasePermission):
    """A DRF permission that asks one named predicate of the signed-in user."""

    predicate = staticmethod(lambda user: False)

    def has_permission(self, request, view):
        return bool(request.user and request.user.is_authenticated) and self.predicate(request.user)


def allowed_if(predicate) -> type[BasePermission]:
    """A permission class that lets in the users for whom `predicate(user)` is true."""
    return type(
        f"AllowedIf_{predicate.__name__}", (AllowedIf,), {"predicate": staticmethod(predicate)}
    )


ReadsCases = allowed_if(case_permissions.may_view_cases)
RecordsCases = allowed_if(case_permissions.may_record)
DecidesEscalations = allowed_if(case_permissions.may_decide_escalations)
