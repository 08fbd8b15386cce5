"""Exception pressure: how hard the cases under each policy push against it.

The pressure of a policy over a window, in points per 30 days:

    pressure = (3 × cases granted outside any path
                + 1 × escalations
                + 1 × escalations decided later than promised, or still waiting past it
                + 2 × follow-ups that went badly: the customer came back, complained or left)
               × 30 ÷ days in the window

Granting outside every path is the clearest sign that a rule no longer fits.
A follow-up that went badly says the decision did not hold, whichever way it
went. An escalation says the frontline could not settle the case within the
paths; an overdue one that the customer also waited longer than promised. A
case granted within a path counts nothing: that is the rule working as
designed. Withdrawn cases never count, nor do cases a later version of the
policy codified: the rule has answered them, so revising a rule under pressure
clears its flag. Scaling to 30 days lets one threshold
(settings.PORTAL_PRESSURE_THRESHOLD) serve every window, and a month of the
trend reads in the same unit.

Every figure is counted by the database, reading only the window's cases.
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    Max,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.db.models.lookups import LessThan
from django.utils import timezone

from policies.models import PolicyPage

from .choices import FollowUpResult, Outcome, Standing
from .models import Precedent
from .rulebook import DEFAULT_DECISION_HOURS

WINDOW_CHOICES = (30, 90, 365)
# Policy pages, the owner's queue and the reminders judge pressure over this window.
DEFAULT_WINDOW_DAYS = 90
WEIGHTS = {"granted_outside": 3, "escalations": 1, "overdue": 1, "went_badly": 2}
WENT_BADLY = [FollowUpResult.CAME_BACK, FollowUpResult.COMPLAINT, FollowUpResult.CHURNED]
NOT_COUNTED = [Standing.WITHDRAWN, Standing.CODIFIED]
OUTCOME_FIGURES = {
    "granted": Outcome.GRANTED_WITHIN_PATH,
    "granted_outside": Outcome.GRANTED_OUTSIDE_PATH,
    "upheld": Outcome.UPHELD,
    "waiting": Outcome.ESCALATED,
}


FIGURE_NAMES = [
    "cases",
    *OUTCOME_FIGURES,
    "escalations",
    "overdue",
    *(f"follow_up_{result.value}" for result in FollowUpResult),
    "went_badly",
]
NO_FIGURES = {**dict.fromkeys(FIGURE_NAMES, 0), "pressure": 0.0}
# The longest the insights page shows figures counted earlier (kept_until_cases_change).
FIGURES_KEPT_SECONDS = 60


def pressure_threshold() -> float:
    """The pressure at and above which a policy is flagged "review recommended"."""
    return float(settings.PORTAL_PRESSURE_THRESHOLD)


def window_start(*, days: int, now: datetime.datetime) -> datetime.datetime:
    return now - datetime.timedelta(days=days)


def pressure_by_policy(
    *, days: int, now: datetime.datetime, policies: QuerySet[PolicyPage] | None = None
) -> dict[int, dict]:
    """Each policy's figures over the last `days`, by policy id (only `policies`' if given).

    Figures are `cases`, one count per outcome (`granted`, `granted_outside`,
    `upheld`, `waiting`), `escalations`, `overdue`, one count per follow-up
    result (`follow_up_<result>`), `went_badly` and `pressure`. The database
    counts the window's cases grouped by policy id alone, so the rows it sorts
    and sums stay narrow; a policy without cases in the window is left out, and
    its figures are NO_FIGURES.
    """
    cases = Precedent.objects.filter(
        recorded_at__gte=window_start(days=days, now=now), recorded_at__lte=now
    ).exclude(standing__in=NOT_COUNTED)
    if policies is not None:
        cases = cases.filter(policy_id__in=policies.values("pk"))
    rows = (
        cases.order_by()
        .values("policy_id")
        .annotate(
            cases=Count("pk"),
            **{
                name: Count("pk", filter=condition)
                for name, condition in _conditions(prefix="", now=now).items()
            },
        )
        .annotate(pressure=_pressure(per_days=days))
    )
    return {row.pop("policy_id"): row for row in rows}


def ranked_policy_ids(
    *, days: int = DEFAULT_WINDOW_DAYS, now: datetime.datetime | None = None
) -> tuple[list[int], dict[int, dict]]:
    """The ids of every live policy, highest pressure first, then most cases, then by
    title; and the figures by policy id (see pressure_by_policy)."""
    now = now or timezone.now()
    titles = dict(PolicyPage.objects.live().values_list("pk", "title"))
    figures = kept_until_cases_change(
        f"by-policy:{days}", lambda: pressure_by_policy(days=days, now=now), now=now
    )
    return sorted(titles, key=lambda pk: _rank(figures, pk, titles[pk])), figures


def kept_until_cases_change(name: str, count: Callable, *, now: datetime.datetime):
    """What count() returns, kept in the cache until any case changes or the minute ends.

    Every change to a case writes a history row, so the latest row's id tells
    whether anything changed since the figures were counted: a new case shows at
    once, on every app server. Only the window's edges and the deadlines of
    waiting escalations move on with time, by a minute at most.
    """
    latest_change = Precedent.history.aggregate(latest=Max("history_id"))["latest"]
    key = f"pressure:{name}:{latest_change}:{now:%Y%m%d%H%M}"
    return cache.get_or_set(key, count, FIGURES_KEPT_SECONDS)


def with_figures(policy_ids: list[int], figures: dict[int, dict]) -> list[PolicyPage]:
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
    flagged = [pk for pk, counted in figures.items() if counted["pressure"] >= threshold]
    return _ranked(with_figures(flagged, figures), figures)


def _rank(figures: dict[int, dict], pk: int, title: str) -> tuple:
    counted = figures.get(pk, NO_FIGURES)
    return (-counted["pressure"], -counted["cases"], title.casefold(), pk)


def _ranked(policies: list[PolicyPage], figures: dict[int, dict]) -> list[PolicyPage]:
    return sorted(policies, key=lambda policy: _rank(figures, policy.pk, policy.title))


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
    conditions = _conditions(prefix="", now=now)
    rows = (
        Precedent.objects.filter(
            policy_id__in=policy_ids, recorded_at__gte=since, recorded_at__lte=now
        )
        .exclude(standing__in=NOT_COUNTED)
        .annotate(month=TruncMonth("recorded_at"))
        .order_by()
        .values("policy_id", "month")
        .annotate(**{name: Count("pk", filter=conditions[name]) for name in WEIGHTS})
        .annotate(points=_points())
    )
    months = _months_between(timezone.localdate(since), timezone.localdate(now))
    position = {month: index for index, month in enumerate(months)}
    points = {policy_id: [0] * len(months) for policy_id in policy_ids}
    for row in rows:
        month = timezone.localtime(row["month"]).date()
        points[row["policy_id"]][position[month]] = row["points"]
    return months, points


def _conditions(*, prefix: str, now: datetime.datetime) -> dict[str, Q]:
    """What each figure counts, for cases reached through `prefix` ("" or a relation)."""
    escalated = Q(**{f"{prefix}escalated_at__isnull": False})
    conditions = {
        name: Q(**{f"{prefix}outcome": outcome}) for name, outcome in OUTCOME_FIGURES.items()
    }
    conditions["escalations"] = escalated
    conditions["overdue"] = escalated & Q(
        LessThan(
            _decision_deadline(prefix),
            Coalesce(F(f"{prefix}decided_at"), Value(now, output_field=DateTimeField())),
        )
    )
    for result in FollowUpResult:
        conditions[f"follow_up_{result.value}"] = Q(**{f"{prefix}follow_up_result": result})
    conditions["went_badly"] = Q(**{f"{prefix}follow_up_result__in": WENT_BADLY})
    return conditions


def _decision_deadline(prefix: str):
    """When an escalated case should have been decided: Precedent.promised_decision_hours,
    computed by the database, added to the moment it was escalated."""
    tier = f"{prefix}escalated_to_tier"
    promised_hours = Case(
        When(
            Q(**{f"{prefix}path_decision_hours__gt": 0, f"{prefix}path_tier": F(tier)}),
            then=F(f"{prefix}path_decision_hours"),
        ),
        *[
            When(Q(**{tier: level}), then=Value(hours))
            for level, hours in DEFAULT_DECISION_HOURS.items()
        ],
        default=Value(24),
        output_field=IntegerField(),
    )
    return F(f"{prefix}escalated_at") + ExpressionWrapper(
        promised_hours * Value(datetime.timedelta(hours=1)), output_field=DurationField()
    )


def _points():
    return sum(
        (weight * F(name) for name, weight in WEIGHTS.items()),
        start=Value(0),
    )


def _pressure(*, per_days: int):
    return ExpressionWrapper(
        _points() * Value(30.0, output_field=FloatField()) / Value(per_days),
        output_field=FloatField(),
    )


def _months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months = []
    month = first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months
