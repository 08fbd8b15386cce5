"""The error answers each operation documents, with examples, in the one error shape."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse

from portal.converters import LARGEST_ID

from .serializers.errors import ErrorSerializer


def _error(status: int, code: str, message: str, **extra) -> dict:
    return {
        "status": status,
        "code": code,
        "message": message,
        "fields": {},
        "tier_needed": None,
        "current": None,
        **extra,
    }


EXAMPLES = {
    400: [
        OpenApiExample(
            "A field refused",
            value=_error(
                400,
                "invalid",
                "Some fields are not valid: see each field's messages.",
                fields={"situation": ["This field may not be blank."]},
            ),
            response_only=True,
        )
    ],
    401: [
        OpenApiExample(
            "No token",
            value=_error(401, "not_authenticated", "Authentication credentials were not provided."),
            response_only=True,
        )
    ],
    403: [
        OpenApiExample(
            "Beyond the caller's authority",
            value=_error(
                403,
                "needs_escalation",
                "Granting 80 EUR needs a supervisor: over this path's limit of 50 EUR.",
                tier_needed={"tier": 2, "label": "Supervisor"},
            ),
            response_only=True,
        )
    ],
    404: [
        OpenApiExample(
            "Nothing here", value=_error(404, "not_found", "Not found."), response_only=True
        )
    ],
    409: [
        OpenApiExample(
            "Changed meanwhile",
            value=_error(
                409,
                "conflict",
                "This case changed since change 1, which your request was based on. ...",
                current={"id": 42, "change_count": 2, "outcome": "granted", "...": "..."},
            ),
            response_only=True,
        )
    ],
    429: [
        OpenApiExample(
            "Too many calls",
            value=_error(
                429, "throttled", "Request was throttled. Expected available in 12 seconds."
            ),
            response_only=True,
        )
    ],
}

DESCRIPTIONS = {
    400: _("Invalid input: `fields` has each field's messages."),
    401: _("No valid token or session."),
    403: _("Not allowed: the caller's role, or the case rules (with `tier_needed`)."),
    404: _("No such record, or none the caller may read."),
    409: _("The case changed since the `change_count` sent: `current` is how it stands."),
    429: _("Too many calls: wait the seconds in the Retry-After header."),
}


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    """The documented error answers for `statuses`, each in the one error shape."""
    return {
        status: OpenApiResponse(
            ErrorSerializer, description=str(DESCRIPTIONS[status]), examples=EXAMPLES[status]
        )
        for status in statuses
    }


# Every call may lack a login, be refused or be throttled.
ALWAYS = (401, 403, 429)

# The case list's and the policy list's area filter, by the area's id.
AREA = OpenApiParameter(
    "area", OpenApiTypes.INT, OpenApiParameter.QUERY, description=_("A live policy area's id.")
)


def record_id(description) -> OpenApiParameter:
    """A record's id in the path: a number a database id can be (portal.converters)."""
    return OpenApiParameter(
        "id",
        {"type": "integer", "minimum": 1, "maximum": LARGEST_ID},
        OpenApiParameter.PATH,
        description=str(description),
    )
