"""A policy's history pages. PolicyPage routes to them, so they sit under the policy's own URL."""

from django.template.response import TemplateResponse

from .history import policy_history


def history(request, *, policy):
    """List the policy's published versions, newest first."""
    versions = policy_history(policy=policy, page_number=request.GET.get("page"))
    return TemplateResponse(
        request, "policies/policy_history.html", {"page": policy, "versions": versions}
    )
