"""The evidence to change the rules: portal-wide, and for one policy with its drafts."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from exceptions.models import Precedent
from policies.models import PolicyPage
from portal.decorators import allowed_if

from . import services
from .consistency import Difference
from .evidence import (
    EVIDENCE_MONTHS,
    PathLimit,
    cost_by_path,
    escalations_above_limits,
    evidence_since,
    grant_share,
    kept_evidence,
    supporting_cases,
)
from .forms import DraftLimitForm, DraftPathForm
from .permissions import may_draft_from_evidence, may_see_decision_consistency, may_view_evidence
from .saying_no import MIN_FOLLOW_UPS

# Portal-wide, each list shows this many rows, the most cases first.
ROWS_LISTED = 20
# For one policy, each suggestion, proposal and difference shows this many of its cases.
CASES_SHOWN = 10


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
    decisions differ: across every policy."""
    found = kept_evidence()
    suggestions = sorted(found.suggestions, key=lambda path: -path.evidence.total.cases)
    costs = sorted(
        found.cost_by_policy.items(),
        key=lambda item: (-item[1].upheld.followed_up, found.policy_titles.get(item[0], "")),
    )
    context = {
        **rules(request),
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
    }
    if context["sees_consistency"]:
        context["differences"] = _with_deciders(
            found.differences[:ROWS_LISTED], titles=found.policy_titles
        )
    return TemplateResponse(request, "insights/evidence.html", context)


@allowed_if(may_view_evidence)
def policy_evidence(request, pk):
    """One policy's evidence, each finding with its cases and, for those who may edit the
    policy, the button that drafts the change."""
    policy = get_object_or_404(PolicyPage.objects.live(), pk=pk)
    now = timezone.now()
    found = kept_evidence(now=now, policy_id=policy.pk)
    may_draft = may_draft_from_evidence(user=request.user, policy=policy)
    # A draft already open is continued in the editor, not drafted over.
    draft_refusal = services.open_draft_refusal(policy) if may_draft else ""
    may_draft = may_draft and not draft_refusal
    context = {
        **rules(request),
        "page": policy,
        "since": found.since,
        "limits": [_limit_row(path, now=now, may_draft=may_draft) for path in found.limits],
        "proposals": _proposal_rows(found.proposals, may_draft=may_draft),
        "costs": cost_by_path(policy_id=policy.pk, now=now),
        "draft_refusal": draft_refusal,
    }
    if context["sees_consistency"]:
        context["differences"] = _with_cases(
            _with_deciders(found.differences, titles=found.policy_titles), policy=policy, now=now
        )
    return TemplateResponse(request, "insights/policy_evidence.html", context)


def _limit_row(path: PathLimit, *, now, may_draft: bool) -> dict:
    row: dict = {"path": path, "evidence": path.evidence}
    if path.evidence.suggested is not None:
        cases = supporting_cases(path=path, now=now).select_related("decided_by")
        row["cases"] = list(cases[:CASES_SHOWN])
        if may_draft:
            row["form"] = DraftLimitForm(
                initial={"path": path.path_id, "limit": path.evidence.suggested}
            )
    return row


def _proposal_rows(proposals, *, may_draft: bool) -> list[dict]:
    shown = {pk for proposal in proposals for pk in proposal.case_ids[:CASES_SHOWN]}
    cases = Precedent.objects.in_bulk(shown) if shown else {}
    return [
        {
            "proposal": proposal,
            "cases": [cases[pk] for pk in proposal.case_ids[:CASES_SHOWN] if pk in cases],
            "form": DraftPathForm(initial={"tag": proposal.tag}) if may_draft else None,
        }
        for proposal in proposals
    ]


def _with_deciders(differences: list[Difference], *, titles: dict[int, str]) -> list[dict]:
    if not differences:
        return []
    people = get_user_model().objects.in_bulk({item.decider_id for item in differences})
    return [
        {
            "difference": item,
            "decider": people.get(item.decider_id),
            "title": titles.get(item.path_key[0], ""),
        }
        for item in differences
    ]


def _with_cases(rows: list[dict], *, policy, now) -> list[dict]:
    """Each difference with the decider's cases in its band, read in one query."""
    if not rows:
        return rows
    chosen = Q()
    for row in rows:
        item = row["difference"]
        band = Q(path_name=item.path_key[1], decided_by_id=item.decider_id, amount__gt=item.low)
        if item.high is not None:
            band &= Q(amount__lte=item.high)
        chosen |= band
    cases = list(
        escalations_above_limits(since=evidence_since(now))
        .filter(chosen, policy_id=policy.pk)
        .order_by("-recorded_at", "-pk")
    )
    for row in rows:
        item = row["difference"]
        row["cases"] = [
            case
            for case in cases
            if case.path_name == item.path_key[1]
            and case.decided_by_id == item.decider_id
            and case.amount > item.low
            and (item.high is None or case.amount <= item.high)
        ][:CASES_SHOWN]
    return rows


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
