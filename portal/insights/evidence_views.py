"""The evidence to change the rules: portal-wide, and for one policy with its drafts."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from policies.models import PolicyPage
from policies.selectors import kept_live_policy
from portal.decorators import allowed_if

from . import services
from .evidence import EVIDENCE_MONTHS, grant_share, kept_evidence
from .findings import kept_findings, with_deciders
from .forms import DraftLimitForm, DraftPathForm
from .permissions import may_draft_from_evidence, may_see_decision_consistency, may_view_evidence
from .saying_no import MIN_FOLLOW_UPS

# Portal-wide, each list shows this many rows, the most cases first.
ROWS_LISTED = 20


def rules(request) -> dict:
    """The settings the rules read, for the page to say them in words."""
    return {
        "grant_percent": round(grant_share() * 100),
        "min_cases": settings.PORTAL_EVIDENCE_MIN_CASES,
        "margin_percent": settings.PORTAL_CONSISTENCY_MARGIN_PERCENT,
        "min_follow_ups": MIN_FOLLOW_UPS,
        "months": EVIDENCE_MONTHS,
        "sees_consistency": may_see_decision_consistency(request.user),
    }


@allowed_if(may_view_evidence)
def evidence(request):
    """Suggested limits, proposed paths, what saying no costs and, for leadership, where
    decisions differ: across every policy. The findings are read only when the page's kept
    findings have to be built anew (see the template)."""
    context = rules(request)
    context["found"] = SimpleLazyObject(
        lambda: _overview(sees_consistency=context["sees_consistency"])
    )
    return TemplateResponse(request, "insights/evidence.html", context)


def _overview(*, sees_consistency: bool) -> dict:
    found = kept_evidence()
    suggestions = sorted(found.suggestions, key=lambda path: -path.evidence.total.cases)
    costs = sorted(
        found.cost_by_policy.items(),
        key=lambda item: (-item[1].upheld.followed_up, found.policy_titles.get(item[0], "")),
    )
    return {
        "since": found.since,
        "suggestions": suggestions[:ROWS_LISTED],
        "suggestions_count": len(suggestions),
        "proposals": [
            {"proposal": proposal, "title": found.policy_titles.get(proposal.policy_id, "")}
            for proposal in found.proposals[:ROWS_LISTED]
        ],
        "proposals_count": len(found.proposals),
        "costs": [
            {"policy_id": pk, "title": found.policy_titles.get(pk, ""), "cost": cost}
            for pk, cost in costs[:ROWS_LISTED]
            if cost.upheld.followed_up
        ],
        "differences": with_deciders(found.differences[:ROWS_LISTED], titles=found.policy_titles)
        if sees_consistency
        else [],
    }


@allowed_if(may_view_evidence)
def policy_evidence(request, pk):
    """One policy's evidence, each finding with its cases and, for those who may edit the
    policy, the button that drafts the change."""
    policy = kept_live_policy(pk)
    if policy is None:
        raise Http404
    context = rules(request)
    findings = kept_findings(policy=policy, sees_consistency=context["sees_consistency"])
    may_draft = may_draft_from_evidence(user=request.user, policy=policy)
    # A draft already open is continued in the editor, not drafted over.
    draft_refusal = services.kept_draft_refusal(policy) if may_draft else ""
    if may_draft and not draft_refusal:
        for row in findings["limits"]:
            if row["evidence"].suggested is not None:
                row["form"] = DraftLimitForm(
                    initial={"path": row["path"].path_id, "limit": row["evidence"].suggested}
                )
        for row in findings["proposals"]:
            row["form"] = DraftPathForm(initial={"tag": row["proposal"].tag})
    context.update(
        findings, page=policy, draft_refusal=draft_refusal, drafting=may_draft and not draft_refusal
    )
    return TemplateResponse(request, "insights/policy_evidence.html", context)


@require_POST
@allowed_if(may_view_evidence)
def draft_limit(request, pk):
    form = DraftLimitForm(request.POST)
    return _draft(
        request,
        pk,
        form=form,
        act=lambda policy: services.draft_limit_change(
            policy=policy,
            path_id=form.cleaned_data["path"],
            limit=form.cleaned_data["limit"],
            author=request.user,
        ),
    )


@require_POST
@allowed_if(may_view_evidence)
def draft_path(request, pk):
    form = DraftPathForm(request.POST)
    return _draft(
        request,
        pk,
        form=form,
        act=lambda policy: services.draft_proposed_path(
            policy=policy, tag=form.cleaned_data["tag"], author=request.user
        ),
    )


def _draft(request, pk, *, form, act):
    """Draft the change with `act(policy)` and open its review, where its replay is ready;
    or go back to the evidence saying why not."""
    policy = get_object_or_404(PolicyPage.objects.live(), pk=pk)
    if not may_draft_from_evidence(user=request.user, policy=policy):
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, _("The evidence changed since the page was opened: look again."))
        return redirect("policy_evidence", pk=policy.pk)
    try:
        act(policy)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
        return redirect("policy_evidence", pk=policy.pk)
    messages.success(
        request,
        _(
            "Draft saved with its change note and the cases it cites. Check its replay below, "
            "then open it in the editor to submit it for approval."
        ),
    )
    return redirect("approvals:review", pk=policy.pk)
