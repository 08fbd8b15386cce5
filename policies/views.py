"""A policy's history pages. PolicyPage routes to them, so they sit under the policy's own URL."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .history import policy_history, version_comparison


def history(request, *, policy):
    """List the policy's published versions, newest first."""
    versions = policy_history(policy=policy, page_number=request.GET.get("page"))
    return TemplateResponse(
        request, "policies/policy_history.html", {"page": policy, "versions": versions}
    )


def comparison(request, *, policy, older: int, newer: int):
    """Show what changed from published version `older` to version `newer`."""
    compared = version_comparison(policy=policy, older=older, newer=newer)
    if compared is None:
        return version_not_found(
            request,
            policy=policy,
            message=_(
                "Versions %(older)s and %(newer)s of “%(title)s” cannot be compared: "
                "at least one of them was never published."
            )
            % {"older": older, "newer": newer, "title": policy.title},
        )
    return TemplateResponse(
        request, "policies/policy_comparison.html", {"page": policy, "comparison": compared}
    )


def version_not_found(request, *, policy, message: str):
    return TemplateResponse(
        request,
        "policies/policy_version_not_found.html",
        {"page": policy, "message": message},
        status=404,
    )
