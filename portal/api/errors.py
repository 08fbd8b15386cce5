"""One shape for every answer that is not a success, whatever refused the call.

    {"status": 409, "code": "conflict", "message": "...", "fields": {},
     "tier_needed": null, "current": {...the case as it stands...}}

- 400 `invalid`: `fields` names each field with its messages (`non_field_errors` for
  the whole request);
- 403 `needs_escalation` / `refused`: the case rules refused the action, with the
  tier that may take it when a higher tier could (`tier_needed`);
- 409 `conflict`: the case changed since the change count the client sent;
  `current` is the case as it stands now.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

from exceptions.refusals import CaseActionRefused, EditConflict
from exceptions.rulebook import NeedsEscalation
from policies.choices import Tier

NON_FIELD = "non_field_errors"


class ApiError(exceptions.APIException):
    """An error that carries what the shape's optional parts say."""

    def __init__(self, message, *, status_code: int, code: str, tier_needed=None, current=None):
        super().__init__(message, code)
        self.status_code = status_code
        self.tier_needed = tier_needed
        self.current = current


def one_error_shape(exc, context):
    """DRF's exception handler, with the case services' refusals mapped to their status and
    every answer given the shape above."""
    exc = _as_api_error(exc, context)
    response = exception_handler(exc, context)
    if response is None:
        return None
    body = {
        "status": response.status_code,
        "code": _code_of(exc),
        "message": "",
        "fields": {},
        "tier_needed": _tier(getattr(exc, "tier_needed", None)),
        "current": getattr(exc, "current", None),
    }
    if isinstance(exc, exceptions.ValidationError):
        body["fields"] = _field_messages(exc.detail)
        body["message"] = " ".join(body["fields"].pop(NON_FIELD, [])) or _(
            "Some fields are not valid: see each field's messages."
        )
    else:
        body["message"] = str(exc.detail)
    response.data = body
    return response


def _as_api_error(exc, context):
    from .serializers.cases import CaseSerializer

    if isinstance(exc, NeedsEscalation):
        return ApiError(exc.message, status_code=403, code="needs_escalation", tier_needed=exc.tier)
    if isinstance(exc, CaseActionRefused):
        return ApiError(
            exc.message,
            status_code=403,
            code="refused",
            tier_needed=_tier_that_may_decide(exc.case, context["request"].user)
            if getattr(context.get("view"), "refusals_name_a_tier", False)
            else None,
        )
    if isinstance(exc, EditConflict):
        return ApiError(
            _(
                "This case changed since change %(seen)d, which your request was based on. "
                "Read it as it stands (in `current`) and send the change again if it "
                "still applies."
            )
            % {"seen": exc.since_change},
            status_code=status.HTTP_409_CONFLICT,
            code="conflict",
            current=CaseSerializer(exc.current, context=context).data,
        )
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(exc.message_dict)
        return exceptions.ValidationError({NON_FIELD: exc.messages})
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    return exc


def _tier_that_may_decide(case, user):
    """The tier a refused decider would need: the tier the case waits for, when theirs is
    lower; None when no tier would help (the case is decided, say)."""
    from exceptions.permissions import user_tier

    waiting_for = case.escalated_to_tier
    if case.is_escalated and waiting_for and (user_tier(user) or 0) < waiting_for:
        return Tier(waiting_for)
    return None


def _tier(tier):
    if tier is None:
        return None
    return {"tier": int(tier), "label": str(Tier(tier).label)}


def _code_of(exc) -> str:
    if isinstance(exc, exceptions.ValidationError):
        return "invalid"
    codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    return codes if isinstance(codes, str) else "error"


def _field_messages(detail, prefix="") -> dict[str, list[str]]:
    """Every message by field name; nested fields as `field.inner`, list items as `field.0`."""
    items: Iterable[tuple[str, Any]]
    if isinstance(detail, dict):
        items = detail.items()
    elif isinstance(detail, list) and detail and all(isinstance(d, str) for d in detail):
        return {prefix or NON_FIELD: [str(d) for d in detail]}
    elif isinstance(detail, list):
        items = ((str(index), inner) for index, inner in enumerate(detail))
    else:
        return {prefix or NON_FIELD: [str(detail)]}
    messages: dict[str, list[str]] = {}
    for name, inner in items:
        for field, texts in _field_messages(inner, f"{prefix}.{name}" if prefix else name).items():
            messages.setdefault(field, []).extend(texts)
    return messages
