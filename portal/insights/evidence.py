"""What the evidence pages read: decisions above each path's limit, recurring grants outside
any path, and how upheld and granted cases ended.

The database counts (grouped by policy, path, whole amount and decider; by policy,
tag; by side and follow-up result); the rules that read the counts are plain
functions in limits.py, proposals.py, saying_no.py and consistency.py. Everything
is read over the cases recorded in the last EVIDENCE_MONTHS months, withdrawn ones
left out, and kept in the cache until a case or a policy changes
(exceptions.selectors.kept_until_cases_change, portal.freshness), so a page costs the
same number of queries however many cases there are.
"""

import datetime
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.conf import settings
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Ceil
from django.utils import timezone

from exceptions.answer_times import SecondsBetween
from exceptions.choices import Outcome
from exceptions.models import Precedent, PrecedentTag
from exceptions.replay import GRANTS
from exceptions.selectors import kept_until_cases_change
from exceptions.similar import similar_cases
from policies.choices import Tier
from policies.models import ExceptionPath, add_months
from portal import freshness

from .consistency import DeciderDecisions, Difference, differences
from .limits import Decisions, LimitEvidence, limit_evidence, summed
from .proposals import (
    MIN_CASES,
    OutsideGrant,
    Proposal,
    grouped_by_tag,
    hours_between,
    proposal_of,
    proposals,
    shared_unit,
)
from .saying_no import CostOfNo, cost_of_no

EVIDENCE_MONTHS = 12
# Tag groups read in full, and proposals joined by the similar-cases search, at most.
PROPOSALS_CONSIDERED = 20
PROPOSALS_SEARCHED = 10


@dataclass(frozen=True)
class PathLimit:
    """A live exception path with a limit, and what the decisions above it say."""

    path_id: int
    policy_id: int
    policy_title: str
    name: str
    tier: int
    unit: str
    evidence: LimitEvidence


@dataclass
class Evidence:
    """Every figure of the evidence pages, portal-wide."""

    since: datetime.date
    limits: list[PathLimit] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    cost_by_policy: dict[int, CostOfNo] = field(default_factory=dict)
    differences: list[Difference] = field(default_factory=list)
    policy_titles: dict[int, str] = field(default_factory=dict)

    @property
    def suggestions(self) -> list[PathLimit]:
        return [path for path in self.limits if path.evidence.suggested is not None]

    def overview(self) -> "Evidence":
        """What the page across policies shows: the limits only where one is suggested."""
        return replace(self, limits=self.suggestions)

    def of_policy(self, policy_id: int) -> "Evidence":
        """Only what concerns one policy."""
        return Evidence(
            since=self.since,
            limits=[path for path in self.limits if path.policy_id == policy_id],
            proposals=[item for item in self.proposals if item.policy_id == policy_id],
            cost_by_policy={
                pk: cost for pk, cost in self.cost_by_policy.items() if pk == policy_id
            },
            differences=[item for item in self.differences if item.path_key[0] == policy_id],
            policy_titles=self.policy_titles,
        )


def grant_share() -> float:
    """The share of cases deciders must have granted for a band to suggest a limit."""
    return settings.PORTAL_EVIDENCE_GRANT_PERCENT / 100


def evidence_since(now: datetime.datetime) -> datetime.datetime:
    day = add_months(timezone.localdate(now), -EVIDENCE_MONTHS)
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def counted_cases(*, since: datetime.datetime) -> QuerySet[Precedent]:
    return Precedent.objects.filter(recorded_at__gte=since).not_withdrawn().order_by()


def escalations_above_limits(*, since: datetime.datetime) -> QuerySet[Precedent]:
    """Decided escalations under a path, of an amount above the path's limit when recorded."""
    return counted_cases(since=since).filter(
        escalated_at__isnull=False,
        decided_at__isnull=False,
        outcome__in=[*GRANTS, Outcome.UPHELD],
        amount__gt=F("path_limit_amount"),
    )


def decisions_by_amount(*, since: datetime.datetime) -> list[dict]:
    """Counts per policy, path name, whole amount and decider: granted in full, granted
    less, upheld, and the seconds waited in all."""
    granted = Q(outcome__in=GRANTS)
    rows = (
        escalations_above_limits(since=since)
        .values("policy_id", "path_name", "decided_by_id", whole=Ceil("amount"))
        .annotate(
            granted=Count("pk", filter=granted & Q(granted_amount__isnull=True)),
            granted_less=Count("pk", filter=granted & Q(granted_amount__isnull=False)),
            upheld=Count("pk", filter=Q(outcome=Outcome.UPHELD)),
            waited=Sum(SecondsBetween(F("decided_at"), F("escalated_at"))),
        )
    )
    return [dict(row) for row in rows]


def limited_paths() -> list[dict]:
    return list(
        ExceptionPath.objects.filter(page__live=True, limit_amount__isnull=False)
        .order_by("page__title", "sort_order", "pk")
        .values("pk", "page_id", "page__title", "name", "authority", "limit_amount", "limit_unit")
    )


def read_limits(
    rows: list[dict], *, paths: list[dict]
) -> tuple[list[PathLimit], list[DeciderDecisions]]:
    """Each live limited path's evidence from the counts, and the counts per decider."""
    by_key = {(path["page_id"], path["name"].casefold()): path for path in paths}
    amounts: dict[tuple[int, str], list] = {}
    per_decider = []
    for row in rows:
        path = by_key.get((row["policy_id"], row["path_name"].casefold()))
        if path is None:
            continue
        amount = Decimal(row["whole"])
        decisions = Decisions(
            granted=row["granted"],
            granted_less=row["granted_less"],
            upheld=row["upheld"],
            hours_waited=(row["waited"] or 0) / 3600,
        )
        amounts.setdefault((path["page_id"], path["name"]), []).append((amount, decisions))
        per_decider.append(
            DeciderDecisions(
                path_key=(path["page_id"], path["name"]),
                limit=path["limit_amount"],
                amount=amount,
                decider_id=row["decided_by_id"],
                granted=decisions.granted,
                decided=decisions.cases,
            )
        )
    limits = [
        PathLimit(
            path_id=path["pk"],
            policy_id=path["page_id"],
            policy_title=path["page__title"],
            name=path["name"],
            tier=path["authority"],
            unit=path["limit_unit"],
            evidence=limit_evidence(
                limit=path["limit_amount"],
                by_amount=summed(amounts.get((path["page_id"], path["name"]), [])),
                share=grant_share(),
                min_cases=settings.PORTAL_EVIDENCE_MIN_CASES,
            ),
        )
        for path in paths
        if (path["page_id"], path["name"]) in amounts
    ]
    return limits, per_decider


def outside_grants(*, since: datetime.datetime) -> QuerySet[Precedent]:
    return counted_cases(since=since).filter(outcome=Outcome.GRANTED_OUTSIDE_PATH)


def recurring_outside_grants(*, since: datetime.datetime) -> list[Proposal]:
    """Proposed paths from grants outside any path sharing a tag, each group joined by the
    grants outside any path the similar-cases search finds for its words."""
    counted = (
        PrecedentTag.objects.filter(content_object__in=outside_grants(since=since))
        .order_by()
        .values("content_object__policy_id", "tag__name")
        .annotate(cases=Count("content_object_id"))
        .filter(cases__gte=MIN_CASES)
        .order_by("-cases", "content_object__policy_id", "tag__name")[:PROPOSALS_CONSIDERED]
    )
    candidates = [(row["content_object__policy_id"], row["tag__name"]) for row in counted]
    if not candidates:
        return []
    chosen = Q()
    for policy_id, tag in candidates:
        chosen |= Q(content_object__policy_id=policy_id, tag__name=tag)
    rows = (
        PrecedentTag.objects.filter(chosen, content_object__in=outside_grants(since=since))
        .order_by()
        .values_list(
            "tag__name",
            "content_object_id",
            "content_object__policy_id",
            "content_object__situation",
            "content_object__amount",
            "content_object__granted_amount",
            "content_object__decided_by_tier",
            SecondsBetween(F("content_object__decided_at"), F("content_object__escalated_at")),
        )
    )
    grants = [
        OutsideGrant(
            pk=pk,
            policy_id=policy_id,
            situation=situation,
            tags=frozenset([tag]),
            amount=amount if granted is None else granted,
            decided_by_tier=tier,
            waited_hours=None if waited is None else waited / 3600,
        )
        for tag, pk, policy_id, situation, amount, granted, tier, waited in rows
    ]
    found = proposals(grouped_by_tag(grants))
    return [
        joined_by_similar(proposal, grants=grants, since=since)
        if index < PROPOSALS_SEARCHED
        else proposal
        for index, proposal in enumerate(found)
    ]


def joined_by_similar(
    proposal: Proposal, *, grants: list[OutsideGrant], since: datetime.datetime
) -> Proposal:
    """The proposal with the grants outside any path, in the window, that the similar-cases
    search finds for its name's words though they lack its tag."""
    members = {grant.pk: grant for grant in grants if grant.pk in proposal.case_ids}
    for case in similar_cases(policy_id=proposal.policy_id, text=proposal.name):
        if (
            case.pk in members
            or case.outcome != Outcome.GRANTED_OUTSIDE_PATH
            or case.recorded_at < since
        ):
            continue
        members[case.pk] = OutsideGrant(
            pk=case.pk,
            policy_id=case.policy_id,
            situation=case.situation,
            tags=frozenset(),
            amount=case.amount if case.granted_amount is None else case.granted_amount,
            decided_by_tier=case.decided_by_tier or Tier.LEADERSHIP,
            waited_hours=hours_between(case.escalated_at, case.decided_at),
        )
    if len(members) == proposal.cases:
        return proposal
    return proposal_of(tag=proposal.tag, grants=list(members.values()))


def side() -> Case:
    return Case(
        When(outcome=Outcome.UPHELD, then=Value("upheld")),
        default=Value("granted"),
        output_field=CharField(),
    )


def followed_up(*, since: datetime.datetime) -> QuerySet[Precedent]:
    return (
        counted_cases(since=since)
        .filter(outcome__in=[*GRANTS, Outcome.UPHELD])
        .exclude(follow_up_result="")
    )


def cost_by_policy(*, since: datetime.datetime) -> dict[int, CostOfNo]:
    rows = (
        followed_up(since=since)
        .values("policy_id", "follow_up_result", side=side())
        .annotate(cases=Count("pk"))
    )
    counts: dict[int, dict] = {}
    for row in rows:
        counts.setdefault(row["policy_id"], {})[row["side"], row["follow_up_result"]] = row["cases"]
    return {policy_id: cost_of_no(by_side) for policy_id, by_side in counts.items()}


def cost_by_path(*, policy_id: int, now: datetime.datetime) -> dict[str, CostOfNo]:
    """The policy's comparison per path name ("" for cases under no path), kept like the rest."""

    def count() -> dict[str, CostOfNo]:
        rows = (
            followed_up(since=evidence_since(now))
            .filter(policy_id=policy_id)
            .values("path_name", "follow_up_result", side=side())
            .annotate(cases=Count("pk"))
        )
        counts: dict[str, dict] = {}
        for row in rows:
            counts.setdefault(row["path_name"], {})[row["side"], row["follow_up_result"]] = row[
                "cases"
            ]
        return {name: cost_of_no(by_side) for name, by_side in sorted(counts.items())}

    return kept_until_cases_change(f"evidence-cost:{policy_id}", count, now=now, whole_days=True)


def evidence(*, now: datetime.datetime) -> Evidence:
    """Every figure of the evidence pages, counted now."""
    since = evidence_since(now)
    paths = limited_paths()
    limits, per_decider = read_limits(decisions_by_amount(since=since), paths=paths)
    units: dict[int, list[str]] = {}
    for path in paths:
        units.setdefault(path["page_id"], []).append(path["limit_unit"])
    found = Evidence(
        since=since.date(),
        limits=limits,
        proposals=[
            replace(proposal, unit=shared_unit(units.get(proposal.policy_id, ())))
            for proposal in recurring_outside_grants(since=since)
        ],
        cost_by_policy=cost_by_policy(since=since),
        differences=differences(
            per_decider, margin=settings.PORTAL_CONSISTENCY_MARGIN_PERCENT / 100
        ),
    )
    titles = {path.policy_id: path.policy_title for path in limits}
    missing = {item.policy_id for item in found.proposals} | set(found.cost_by_policy)
    missing -= set(titles)
    if missing:
        titles.update(
            ExceptionPath.page.field.related_model.objects.filter(pk__in=missing).values_list(
                "pk", "title"
            )
        )
    found.policy_titles = titles
    return found


def kept_evidence(
    *, now: datetime.datetime | None = None, policy_id: int | None = None
) -> Evidence:
    """evidence() across policies (only the limits it suggests changing), or only what
    concerns `policy_id`, kept until any case changes, a policy changes or the day ends:
    its window starts at the start of a day and it reads no deadline.

    Each part is kept on its own, cut from the whole (kept too, and counted once), so a
    page reads back from the cache only what it shows: a busy company's whole evidence
    holds every limited path's bands, and reading it back cost each page 50 ms.
    """
    now = now or timezone.now()
    version = freshness.versions_of(freshness.POLICIES)[freshness.POLICIES]

    def part() -> Evidence:
        whole = kept_until_cases_change(
            f"evidence:{version}", lambda: evidence(now=now), now=now, whole_days=True
        )
        return whole.overview() if policy_id is None else whole.of_policy(policy_id)

    return kept_until_cases_change(
        f"evidence:{version}:{'overview' if policy_id is None else policy_id}",
        part,
        now=now,
        whole_days=True,
    )
