"""What the insights pages read: exception pressure per policy, and acknowledgement coverage.

Pressure figures are counted by the database, reading only the window's cases;
the score they add up to is defined in portal.insights.score. Coverage says who
has signed the current version of each policy, per policy and per team. Teams
come from portal.UserProfile; people without one count under "No team".
"""

import datetime
from typing import NamedTuple

from django.conf import settings
from django.db.models import (
    Count,
    F,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.translation import gettext as _

from exceptions.answer_times import AnswerTimes
from exceptions.choices import FollowUpResult
from exceptions.models import Precedent
from exceptions.querysets import decision_due_at
from exceptions.selectors import kept_until_cases_change
from policies import selectors as policy_selectors
from policies.models import PolicyAcknowledgement, PolicyPage
from policies.selectors import coverage_by_policy, policies_with_revision_to_sign, signers

from . import score
from .score import (
    DEFAULT_WINDOW_DAYS,
    NO_FIGURES,
    NOT_COUNTED,
    OUTCOME_FIGURES,
    WEIGHTS,
    WINDOW_CHOICES,
)

COVERAGE_CSV_COLUMNS = [
    "policy",
    "version in force",
    "in force since",
    "team",
    "people",
    "acknowledged",
    "outstanding",
]
# Exception paths listed with their answer times, the latest answered first.
ANSWER_TIMES_LISTED = 10
# Policies whose version in force is read at once while the CSV is written.
POLICIES_PER_READ = 500


class PressureRanking(NamedTuple):
    """Every live policy's id, highest pressure first, and the figures by policy id."""

    policy_ids: list[int]
    figures_by_policy: dict[int, dict]


def pressure_threshold() -> float:
    """The pressure at and above which a policy is flagged "review recommended"."""
    return float(settings.PORTAL_PRESSURE_THRESHOLD)


def window_start(*, days: int, now: datetime.datetime) -> datetime.datetime:
    """The start of the day `days` days before `now`'s, in the portal's time zone: a window
    of whole days, so that what it counts holds until the day ends or a case changes."""
    day = timezone.localdate(now) - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def pressure_by_policy(
    *, days: int, now: datetime.datetime, policies: QuerySet[PolicyPage] | None = None
) -> dict[int, dict]:
    """Each policy's figures over the last `days`, by policy id (only `policies`' if given).

    Figures are `cases`, one count per outcome (`granted`, `granted_outside`,
    `upheld`, `waiting`), `escalations`, `overdue`, one count per follow-up
    result (`follow_up_<result>`), `went_badly` and `pressure`. The database
    counts the window's cases grouped by policy id alone, kept for the day; only
    the escalations still waiting become overdue as time passes, and they are
    judged against `now` here. A policy without cases in the window is left out,
    and its figures are NO_FIGURES.
    """
    since = window_start(days=days, now=now)
    counts = kept_until_cases_change(
        f"pressure-by-policy:{days}",
        lambda: _counts_by_policy(since=since, now=now),
        now=now,
        whole_days=True,
    )
    late = _waiting_past_promise(since=since, now=now)
    wanted = None if policies is None else set(policies.values_list("pk", flat=True))
    figures = {}
    for policy_id, counted in counts.items():
        if wanted is None or policy_id in wanted:
            figures[policy_id] = _with_pressure(counted, overdue=late.get(policy_id, 0), days=days)
    return figures


def _counts_by_policy(*, since: datetime.datetime, now: datetime.datetime) -> dict[int, dict]:
    conditions = _conditions()
    rows = (
        _counted_cases(since=since, now=now)
        .order_by()
        .values("policy_id")
        .annotate(
            cases=Count("pk"), **{name: Count("pk", filter=conditions[name]) for name in conditions}
        )
    )
    return {
        row["policy_id"]: {name: figure for name, figure in row.items() if name != "policy_id"}
        for row in rows
    }


def _with_pressure(counted: dict, *, overdue: int, days: int) -> dict:
    """The figures of counts_by_policy with `overdue` waiting escalations added, and the
    pressure they make."""
    figures = {name: figure for name, figure in counted.items() if name != "overdue_decided"}
    figures["overdue"] = counted["overdue_decided"] + overdue
    figures["pressure"] = score.pressure(points=score.points(figures), days=days)
    return figures


def waiting_escalations(
    *, now: datetime.datetime
) -> list[tuple[int, datetime.datetime, datetime.datetime]]:
    """Each counted escalation still waiting in the longest window, as (policy id, when it
    was recorded, when its decision is due), kept for the day or until a case changes."""
    since = window_start(days=max(WINDOW_CHOICES), now=now)

    def read():
        return list(
            _counted_cases(since=since, now=now)
            .filter(escalated_at__isnull=False, decided_at__isnull=True)
            .annotate(due_at=decision_due_at())
            .values_list("policy_id", "recorded_at", "due_at")
        )

    return kept_until_cases_change("waiting-escalations", read, now=now, whole_days=True)


def _waiting_past_promise(*, since: datetime.datetime, now: datetime.datetime, by_month=False):
    """How many escalations recorded since `since` wait past their promise at `now`, by
    policy id, or by (policy id, month recorded) when `by_month`."""
    late: dict = {}
    for policy_id, recorded_at, due_at in waiting_escalations(now=now):
        if recorded_at >= since and due_at < now:
            key = (policy_id, _month_of(recorded_at)) if by_month else policy_id
            late[key] = late.get(key, 0) + 1
    return late


def figures_moment(*, now: datetime.datetime) -> str:
    """What pressure figures depend on besides the cases: the day, and how many waiting
    escalations are past their promise, which changes exactly when one more is."""
    late = sum(due_at < now for _policy, _recorded, due_at in waiting_escalations(now=now))
    return f"{timezone.localdate(now):%Y%m%d}.{late}"


def live_policies_by_pressure(
    *, days: int = DEFAULT_WINDOW_DAYS, now: datetime.datetime | None = None
) -> PressureRanking:
    """Every live policy ranked by score.ranking_key, with the figures of pressure_by_policy."""
    now = now or timezone.now()
    titles = dict(PolicyPage.objects.live().values_list("pk", "title"))
    figures = pressure_by_policy(days=days, now=now)
    return PressureRanking(
        policy_ids=sorted(
            titles,
            key=lambda pk: score.ranking_key(
                figures=figures.get(pk, NO_FIGURES), title=titles[pk], pk=pk
            ),
        ),
        figures_by_policy=figures,
    )


def with_figures(*, policy_ids: list[int], figures: dict[int, dict]) -> list[PolicyPage]:
    """The policies of `policy_ids` in that order, with their owner and figures as attributes."""
    by_pk = PolicyPage.objects.select_related("owner").in_bulk(policy_ids)
    policies = [by_pk[pk] for pk in policy_ids]
    for policy in policies:
        policy.__dict__.update(figures.get(policy.pk, NO_FIGURES))
    return policies


def policies_needing_review(
    *, owner=None, days: int = DEFAULT_WINDOW_DAYS, now: datetime.datetime | None = None
) -> list[PolicyPage]:
    """Live policies whose pressure has reached the threshold, optionally only `owner`'s."""
    policies = PolicyPage.objects.live()
    if owner is not None:
        policies = policies.filter(owner=owner)
    figures = pressure_by_policy(days=days, now=now or timezone.now(), policies=policies)
    threshold = pressure_threshold()
    flagged = [
        pk
        for pk, counted in figures.items()
        if score.is_flagged(pressure=counted["pressure"], threshold=threshold)
    ]
    return sorted(
        with_figures(policy_ids=flagged, figures=figures),
        key=lambda policy: score.ranking_key(
            figures=figures[policy.pk], title=policy.title, pk=policy.pk
        ),
    )


def monthly_pressure(
    *, policy_ids: list[int], days: int, now: datetime.datetime | None = None
) -> tuple[list[datetime.date], dict[int, list[int]]]:
    """Pressure points per calendar month of the window for the given policies.

    Returns the months, oldest first, and for each policy id its points in each
    of those months (zero where it had no cases). Points are not scaled: a
    month is already about 30 days, so they read like the pressure score. The
    first and the current month are partial.
    """
    now = now or timezone.now()
    since = window_start(days=days, now=now)
    months = _months_between(timezone.localdate(since), timezone.localdate(now))
    position = {month: index for index, month in enumerate(months)}
    points = {policy_id: [0] * len(months) for policy_id in policy_ids}
    counts = kept_until_cases_change(
        f"pressure-by-month:{days}:{','.join(map(str, policy_ids))}",
        lambda: _counts_by_month(policy_ids=policy_ids, since=since, now=now),
        now=now,
        whole_days=True,
    )
    # Each escalation waiting past its promise is among its month's counted cases.
    late = _waiting_past_promise(since=since, now=now, by_month=True)
    for (policy_id, month), counted in counts.items():
        overdue = counted["overdue_decided"] + late.get((policy_id, month), 0)
        points[policy_id][position[month]] = score.points({**counted, "overdue": overdue})
    return months, points


def _counts_by_month(*, policy_ids, since, now) -> dict[tuple[int, datetime.date], dict]:
    conditions = _conditions()
    names = [*(name for name in WEIGHTS if name != "overdue"), "overdue_decided"]
    rows = (
        _counted_cases(since=since, now=now)
        .filter(policy_id__in=policy_ids)
        .annotate(month=TruncMonth("recorded_at"))
        .order_by()
        .values("policy_id", "month")
        .annotate(**{name: Count("pk", filter=conditions[name]) for name in names})
    )
    counts = {}
    for row in rows:
        counted: dict = dict(row)
        month = timezone.localtime(counted["month"]).date()
        counts[counted["policy_id"], month] = {name: counted[name] for name in names}
    return counts


def _month_of(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment).replace(day=1)


def _counted_cases(*, since: datetime.datetime, now: datetime.datetime) -> QuerySet[Precedent]:
    return Precedent.objects.filter(recorded_at__gte=since, recorded_at__lte=now).exclude(
        standing__in=NOT_COUNTED
    )


def _conditions() -> dict[str, Q]:
    """What each figure counts, as a filter on cases. Of the overdue escalations, only those
    decided later than promised: the others are still waiting, and become overdue with
    time (see pressure_by_policy)."""
    escalated = Q(escalated_at__isnull=False)
    conditions = {name: Q(outcome=outcome) for name, outcome in OUTCOME_FIGURES.items()}
    conditions["escalations"] = escalated
    conditions["overdue_decided"] = escalated & Q(
        LessThan(decision_due_at(), F("decided_at")), decided_at__isnull=False
    )
    for result in FollowUpResult:
        conditions[f"follow_up_{result.value}"] = Q(follow_up_result=result)
    conditions["went_badly"] = Q(follow_up_result__in=score.WENT_BADLY)
    return conditions


def _months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def answer_times_latest_first(ledger: dict[tuple[int, int], AnswerTimes]) -> dict:
    """The exception paths whose promise is broken, then the rest, each the most often
    late first: the ANSWER_TIMES_LISTED first as `rows`, with how many are `broken`."""
    ordered = sorted(
        ledger.values(),
        key=lambda figures: (
            not figures.promise_broken,
            -figures.late_share,
            figures.policy_title,
            figures.path_name,
            figures.tier,
        ),
    )
    return {
        "rows": ordered[:ANSWER_TIMES_LISTED],
        "broken": sum(figures.promise_broken for figures in ordered),
        "paths": len(ordered),
    }


def team_name(team: str) -> str:
    return team or _("No team")


def _in_team_order(teams) -> list[str]:
    """Teams alphabetically, with people of no team last."""
    return sorted(teams, key=lambda name: (name == "", name.lower()))


def signers_per_team() -> dict[str, int]:
    """How many people who sign policies each team has, by team name ("" for none)."""
    rows = (
        signers()
        .order_by()
        .values(team=Coalesce("portal_profile__team", Value("")))
        .annotate(people=Count("pk"))
    )
    return {row["team"]: row["people"] for row in rows}


def signatures_per_policy_and_team() -> dict[tuple[int, str], int]:
    """Signatures of current versions by current signers, by (policy id, team)."""
    rows = (
        PolicyAcknowledgement.objects.filter(
            user__in=signers(),
            revision_id__in=policies_with_revision_to_sign().values("revision_to_sign"),
        )
        .order_by()
        .values("policy_id", team=Coalesce("user__portal_profile__team", Value("")))
        .annotate(count=Count("pk"))
    )
    return {(row["policy_id"], row["team"]): row["count"] for row in rows}


def coverage_by_team(*, policies: int) -> list[dict]:
    """Per team: people, signatures expected (people × `policies` to sign), given, and the share."""
    people = signers_per_team()
    signed: dict[str, int] = {}
    for (_policy, team), count in signatures_per_policy_and_team().items():
        signed[team] = signed.get(team, 0) + count
    rows = []
    for team in _in_team_order(people):
        expected = people[team] * policies
        rows.append(
            {
                "team": team_name(team),
                "people": people[team],
                "expected": expected,
                "signed": signed.get(team, 0),
                "share": signed.get(team, 0) / expected if expected else None,
            }
        )
    return rows


def coverage_csv_rows():
    """One row per policy and team, in the order of COVERAGE_CSV_COLUMNS."""
    people = signers_per_team()
    signed = signatures_per_policy_and_team()
    teams = _in_team_order(people)
    policies = coverage_by_policy()
    for start in range(0, policies.count(), POLICIES_PER_READ):
        chunk = list(policies[start : start + POLICIES_PER_READ])
        in_force = policy_selectors.versions_in_force(policies=chunk)
        for policy in chunk:
            version = in_force.get(policy.pk)
            for team in teams:
                count = signed.get((policy.pk, team), 0)
                yield [
                    policy.title,
                    version.number if version else "",
                    timezone.localdate(version.went_live_at).isoformat() if version else "",
                    team_name(team),
                    people[team],
                    count,
                    people[team] - count,
                ]
