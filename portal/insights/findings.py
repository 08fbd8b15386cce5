"""One policy's findings with the cases each shows: what its evidence page reads.

The findings come from the evidence (portal.insights.evidence); the cases behind
them are read in one query per kind of finding, however many findings there are,
and kept with them until a case, a policy or a name changes, or the day ends.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from exceptions.models import Precedent
from exceptions.selectors import kept_until_cases_change
from policies.models import PolicyPage
from portal import freshness

from .consistency import Difference
from .evidence import (
    PathLimit,
    cost_by_path,
    escalations_above_limits,
    evidence_since,
    kept_evidence,
)

# Each suggestion, proposal and difference shows this many of its cases.
CASES_SHOWN = 10


def kept_findings(*, policy: PolicyPage, sees_consistency: bool) -> dict:
    """The policy's findings, each with the cases it shows, kept like the evidence they come
    from, and until a policy or a name changes: a busy policy's cited cases are read once."""
    now = timezone.now()
    versions = freshness.versions_of(freshness.POLICIES, freshness.PEOPLE)

    def read() -> dict:
        found = kept_evidence(now=now, policy_id=policy.pk)
        findings = {
            "since": found.since,
            "limits": _limit_rows(found.limits, now=now),
            "proposals": _proposal_rows(found.proposals),
            "costs": cost_by_path(policy_id=policy.pk, now=now),
            "differences": [],
        }
        if sees_consistency:
            findings["differences"] = _with_cases(
                with_deciders(found.differences, titles=found.policy_titles),
                policy=policy,
                now=now,
            )
        return findings

    return kept_until_cases_change(
        f"policy-evidence:{policy.pk}:{sees_consistency}:{':'.join(versions.values())}",
        read,
        now=now,
        whole_days=True,
    )


def _limit_rows(limits: list[PathLimit], *, now) -> list[dict]:
    """Each limited path with, where a limit is suggested, the cases that support it: read in
    one query, however many paths have a suggestion."""
    suggested = [path for path in limits if path.evidence.suggested is not None]
    newest = Window(
        RowNumber(),
        partition_by=F("supported_path"),
        order_by=[F("recorded_at").desc(), F("pk").desc()],
    )
    cases = (
        supporting_cases(paths=suggested, now=now)
        .annotate(place=newest)
        .filter(place__lte=CASES_SHOWN)
        .select_related("decided_by")
        if suggested
        else []
    )
    by_path: dict[int, list] = {}
    for case in cases:
        by_path.setdefault(case.supported_path, []).append(case)
    return [
        {"path": path, "evidence": path.evidence, "cases": by_path.get(path.path_id, [])}
        for path in limits
    ]


def _proposal_rows(proposals) -> list[dict]:
    shown = {pk for proposal in proposals for pk in proposal.case_ids[:CASES_SHOWN]}
    cases = Precedent.objects.in_bulk(shown) if shown else {}
    return [
        {
            "proposal": proposal,
            "cases": [cases[pk] for pk in proposal.case_ids[:CASES_SHOWN] if pk in cases],
        }
        for proposal in proposals
    ]


def with_deciders(differences: list[Difference], *, titles: dict[int, str]) -> list[dict]:
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


def supporting_cases(*, paths: list[PathLimit], now: datetime.datetime) -> QuerySet[Precedent]:
    """The escalations above each path's limit up to its suggested one, newest first, each
    with the id of the path it supports (`supported_path`): the cases a change to the
    suggested limit cites."""
    bands = {
        path.path_id: Q(
            policy_id=path.policy_id,
            path_name__iexact=path.name,
            amount__gt=path.evidence.limit,
            amount__lte=path.evidence.suggested,
        )
        for path in paths
    }
    if not bands:
        return Precedent.objects.none()
    chosen = Q()
    for band in bands.values():
        chosen |= band
    return (
        escalations_above_limits(since=evidence_since(now))
        .filter(chosen)
        .annotate(
            supported_path=Case(
                *[When(band, then=Value(path_id)) for path_id, band in bands.items()],
                output_field=IntegerField(),
            )
        )
        .order_by("-recorded_at", "-pk")
    )
