"""The answer-time ledger: how long escalations really waited for a decision, per exception
path and tier, against the time the path promised.

Counted by the database over the escalations decided in the last WINDOW_DAYS, whole
days in the portal's time zone, so that the ledger holds until the day ends: the
median and the time within which 9 in 10 were decided, as PostgreSQL's
percentile_cont defines them (linear interpolation between the two nearest cases).
PostgreSQL computes them with percentile_cont itself; SQLite has no such aggregate,
so it numbers each group's cases in order with a window function and the two cases
around each percentile are interpolated. Either way the query reads only the
window's decisions, through the index on decided_at, so its cost follows the
window, not every case ever recorded; and it is kept in the cache like pressure.
"""

import datetime
from typing import NamedTuple

from django.db import connection
from django.db.models import (
    Aggregate,
    Case,
    Count,
    F,
    FloatField,
    Func,
    QuerySet,
    Sum,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.db.models.lookups import GreaterThan
from django.utils import timezone

from policies.choices import Tier
from policies.models import ExceptionPath
from portal import freshness

from .models import Precedent
from .querysets import promised_hours_expression
from .rulebook import PathTerms, promised_hours
from .selectors import kept_until_cases_change

WINDOW_DAYS = 90
# Fewer decided escalations than this say too little to tell a customer from.
ENOUGH_CASES = 5
# A path whose promise is broken more often than this (in percent) is flagged.
BROKEN_PERCENT = 20
# The percentiles, as whole fractions so that SQLite's integer arithmetic finds the
# same neighbouring cases as percentile_cont does.
MEDIAN = (1, 2)
NINE_IN_TEN = (9, 10)
GROUP = ("exception_path_id", "escalated_to_tier")


class AnswerTimes(NamedTuple):
    """One exception path's escalations to one tier, decided in the window."""

    path_id: int
    policy_id: int
    policy_title: str
    path_name: str
    tier: int
    # What the path promises today for this tier, in hours.
    promised_hours: int
    cases: int
    # Decided later than the case's own promise (the promise may have changed since).
    late: int
    median_hours: float
    nine_in_ten_hours: float
    promise_broken: bool

    @property
    def enough_cases(self) -> bool:
        return self.cases >= ENOUGH_CASES

    @property
    def late_share(self) -> float:
        return self.late / self.cases


class SecondsBetween(Func):
    """The seconds from `earlier` to `later`, two datetimes, as a float."""

    output_field = FloatField()

    def __init__(self, later, earlier):
        super().__init__(later, earlier)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="((julianday(%(expressions)s)) * 86400.0)",
            arg_joiner=") - julianday(",
            **extra_context,
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(EXTRACT(EPOCH FROM (%(expressions)s)) AS double precision)",
            arg_joiner=" - ",
            **extra_context,
        )


class PercentileCont(Aggregate):
    """PostgreSQL's percentile_cont(numerator / denominator) over the expression."""

    function = "PERCENTILE_CONT"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, *, fraction: tuple[int, int]):
        numerator, denominator = fraction
        super().__init__(expression, fraction=f"{numerator / denominator!r}")


def window_start(now: datetime.datetime) -> datetime.datetime:
    """The start of the day WINDOW_DAYS before `now`'s, in the portal's time zone."""
    day = timezone.localdate(now) - datetime.timedelta(days=WINDOW_DAYS)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def decided_escalations(*, now: datetime.datetime) -> QuerySet[Precedent]:
    """The escalations under an exception path decided in the window, each with its wait
    in seconds and whether it was decided later than promised."""
    waited = SecondsBetween(F("decided_at"), F("escalated_at"))
    return (
        Precedent.objects.filter(
            decided_at__gte=window_start(now),
            decided_at__lte=now,
            escalated_at__isnull=False,
            exception_path__isnull=False,
        )
        .not_withdrawn()
        .order_by()
        .annotate(
            waited=waited,
            late=Case(
                When(GreaterThan(waited, promised_hours_expression() * 3600), then=Value(1)),
                default=Value(0),
            ),
        )
    )


def answer_times(*, now: datetime.datetime | None = None) -> dict[tuple[int, int], AnswerTimes]:
    """The ledger, by (exception path id, tier): every path and tier with a decided escalation."""
    now = now or timezone.now()
    counted = (
        _counted_by_percentile_cont(now) if connection.vendor == "postgresql" else _counted(now)
    )
    # Names and promises as plain values: a policy page per path is costly to build.
    paths = {
        path["pk"]: path
        for path in ExceptionPath.objects.filter(pk__in={row["path_id"] for row in counted}).values(
            "pk", "name", "authority", "decision_hours", "page_id", "page__title"
        )
    }
    ledger = {}
    for row in counted:
        path = paths[row["path_id"]]
        terms = PathTerms(
            name=path["name"], tier=Tier(path["authority"]), decision_hours=path["decision_hours"]
        )
        ledger[row["path_id"], row["tier"]] = AnswerTimes(
            path_id=path["pk"],
            policy_id=path["page_id"],
            policy_title=path["page__title"],
            path_name=path["name"],
            tier=row["tier"],
            promised_hours=promised_hours(path=terms, tier=Tier(row["tier"])),
            cases=row["cases"],
            late=row["late"],
            median_hours=round(row["median"] / 3600, 2),
            nine_in_ten_hours=round(row["nine_in_ten"] / 3600, 2),
            promise_broken=bool(row["broken"]),
        )
    return ledger


def kept_answer_times(*, now: datetime.datetime | None = None):
    """The ledger, kept in the cache until any case changes, a policy changes (it names
    paths, policies and promises) or the day ends."""
    now = now or timezone.now()
    policies = freshness.versions_of(freshness.POLICIES)[freshness.POLICIES]
    return kept_until_cases_change(
        f"answer-times:{policies}", lambda: answer_times(now=now), now=now, whole_days=True
    )


def _broken(late, cases):
    return GreaterThan(late * 100, cases * BROKEN_PERCENT)


def _counted_by_percentile_cont(now: datetime.datetime) -> list[dict]:
    rows = (
        decided_escalations(now=now)
        .values(*GROUP)
        .annotate(
            cases=Count("pk"),
            late_count=Sum("late"),
            median=PercentileCont("waited", fraction=MEDIAN),
            nine_in_ten=PercentileCont("waited", fraction=NINE_IN_TEN),
        )
        .annotate(broken=_broken(F("late_count"), F("cases")))
    )
    return [
        {
            "path_id": row["exception_path_id"],
            "tier": row["escalated_to_tier"],
            "late": row["late_count"],
            **{name: row[name] for name in ("cases", "median", "nine_in_ten", "broken")},
        }
        for row in rows
    ]


def _counted(now: datetime.datetime) -> list[dict]:
    """The same figures with window functions: each case numbered in its group, the two
    cases around each percentile picked out, and interpolated as percentile_cont does."""
    group = [F(name) for name in GROUP]
    numbered = (
        decided_escalations(now=now)
        .annotate(
            position=Window(RowNumber(), partition_by=group, order_by=F("waited").asc()),
            group_size=Window(Count("pk"), partition_by=group),
        )
        .values(*GROUP, "waited", "late", "position", "group_size")
    )
    inner, params = numbered.query.sql_with_params()
    picked = ", ".join(
        f"MAX(CASE WHEN position - 1 = (group_size - 1) * {top} / {bottom} + {step} "
        f"THEN waited END)"
        for top, bottom in (MEDIAN, NINE_IN_TEN)
        for step in (0, 1)
    )
    sql = (
        f"SELECT exception_path_id, escalated_to_tier, COUNT(*), SUM(late), "  # noqa: S608
        f"SUM(late) * 100 > COUNT(*) * {BROKEN_PERCENT}, {picked} "
        f"FROM ({inner}) AS numbered GROUP BY exception_path_id, escalated_to_tier"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    counted = []
    for path_id, tier, cases, late, broken, *picked in rows:
        median_low, median_high, nine_low, nine_high = picked
        counted.append(
            {
                "path_id": path_id,
                "tier": tier,
                "cases": cases,
                "late": late,
                "broken": broken,
                "median": _interpolated(median_low, median_high, cases=cases, fraction=MEDIAN),
                "nine_in_ten": _interpolated(
                    nine_low, nine_high, cases=cases, fraction=NINE_IN_TEN
                ),
            }
        )
    return counted


def _interpolated(lower: float, upper: float | None, *, cases: int, fraction) -> float:
    """percentile_cont between the two cases around the percentile: `upper` is None
    when the percentile falls on the last case."""
    top, bottom = fraction
    between = (cases - 1) * top % bottom / bottom
    return lower + between * ((lower if upper is None else upper) - lower)
