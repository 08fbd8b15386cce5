from django import template
from django.utils import timezone
from wagtail.models import PageLogEntry

from policies.forms import ReviewForm
from policies.models import PolicyPage
from policies.permissions import may_review
from policies.services import REVIEWED_ACTION
from portal.insights import score
from portal.insights.score import DEFAULT_WINDOW_DAYS, NO_FIGURES
from portal.insights.selectors import pressure_by_policy, pressure_threshold

register = template.Library()


@register.inclusion_tag("portal/includes/review_panel.html", takes_context=True)
def review_panel(context, policy):
    """For the policy's owner and leadership: when it is due, its pressure, and the two ways
    to review it. Nothing for anyone else."""
    user = context["request"].user
    # A preview of a policy never published has nothing to review yet.
    if not policy.live or not may_review(policy=policy, user=user):
        return {"show": False}
    figures = pressure_by_policy(
        days=DEFAULT_WINDOW_DAYS,
        now=timezone.now(),
        policies=PolicyPage.objects.filter(pk=policy.pk),
    ).get(policy.pk, NO_FIGURES)
    threshold = pressure_threshold()
    return {
        "show": True,
        "policy": policy,
        "request": context["request"],
        "csrf_token": context.get("csrf_token"),
        "overdue": policy.next_review_due is not None
        and policy.next_review_due < timezone.localdate(),
        "figures": figures,
        "days": DEFAULT_WINDOW_DAYS,
        "threshold": threshold,
        "flagged": score.is_flagged(pressure=figures["pressure"], threshold=threshold),
        "last_review": PageLogEntry.objects.filter(page_id=policy.pk, action=REVIEWED_ACTION)
        .select_related("user")
        .order_by("-timestamp", "-pk")
        .first(),
        "form": ReviewForm(),
        "change": _unpublished_change(policy),
    }


def _unpublished_change(policy) -> dict | None:
    """Where the policy's unpublished change stands (`status`: "in_progress", waiting for
    approval; "needs_changes", sent back; or "draft") and when it was submitted; None when
    nothing is unpublished, which costs no query."""
    if not policy.has_unpublished_changes:
        return None
    state = policy.current_workflow_state
    if state is None:
        return {"status": "draft", "submitted_at": None}
    return {"status": state.status, "submitted_at": state.created_at}
