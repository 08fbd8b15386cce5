"""The insights pages: exception pressure and reviews across policies for owners and
leadership, acknowledgement coverage for leadership."""

from itertools import chain

from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from exceptions.answer_times import WINDOW_DAYS as ANSWER_TIMES_DAYS
from exceptions.answer_times import kept_answer_times
from exceptions.choices import FollowUpResult, Outcome
from exceptions.csv_export import streamed_csv
from policies import selectors as policy_selectors
from policies.permissions import may_view_coverage, may_view_insights
from policies.selectors import coverage_by_policy, reviews_due, signers
from portal.decorators import allowed_if
from portal.listing import listing_key, page_of

from . import score
from .evidence import kept_evidence
from .score import DEFAULT_WINDOW_DAYS, NO_FIGURES, OUTCOME_FIGURES, WEIGHTS, WINDOW_CHOICES
from .selectors import (
    COVERAGE_CSV_COLUMNS,
    answer_times_latest_first,
    coverage_by_team,
    coverage_csv_rows,
    figures_moment,
    live_policies_by_pressure,
    monthly_pressure,
    pressure_threshold,
    with_figures,
)

POLICIES_PER_PAGE = 10
COVERAGE_PER_PAGE = 25
REVIEWS_LISTED = 10
WEIGHT_LABELS = {
    "granted_outside": _("cases granted outside any path"),
    "escalations": _("escalations"),
    "overdue": _("escalations decided late or still waiting past the promise"),
    "went_badly": _("follow-ups where the customer came back, complained or left"),
}


def chosen_window(request) -> int:
    """The window in days from ?days=, or the default for anything else."""
    days = request.GET.get("days", "")
    return int(days) if days.isdigit() and int(days) in WINDOW_CHOICES else DEFAULT_WINDOW_DAYS


@allowed_if(may_view_insights)
def exception_pressure(request):
    """Every live policy ranked by pressure over the window, with two charts and their tables.

    The figures are read only when the page's kept figures have to be built anew
    (see the template): they are the same for a reader until a case, a policy or a
    name changes, the day ends, or one more waiting escalation passes its promise.
    """
    days = chosen_window(request)
    threshold = pressure_threshold()
    return TemplateResponse(
        request,
        "insights/exception_pressure.html",
        {
            "days": days,
            "windows": WINDOW_CHOICES,
            "threshold": threshold,
            "weights": [(weight, WEIGHT_LABELS[name]) for name, weight in WEIGHTS.items()],
            "outcome_labels": [Outcome(value).label for value in OUTCOME_FIGURES.values()],
            "answer_times_days": ANSWER_TIMES_DAYS,
            "kept_as": listing_key(request),
            "figures_moment": figures_moment(now=timezone.now()),
            "figures": SimpleLazyObject(
                lambda: _pressure_figures(request, days=days, threshold=threshold)
            ),
        },
    )


def _pressure_figures(request, *, days: int, threshold: float) -> dict:
    now = timezone.now()
    ranking = live_policies_by_pressure(days=days, now=now)
    figures = ranking.figures_by_policy
    page = page_of(request, ranking.policy_ids, per_page=POLICIES_PER_PAGE)
    policies = with_figures(policy_ids=list(page), figures=figures)
    shown = [policy.pk for policy in policies]
    months, trend = monthly_pressure(policy_ids=shown, days=days, now=now)
    rows = [_ranking_row(policy, threshold=threshold, user=request.user) for policy in policies]
    month_labels = [date_format(month, "M Y") for month in months]
    trend_rows = [
        {"policy": row["policy"], "points": trend[row["policy"].pk]}
        for row in rows
        if any(trend[row["policy"].pk])
    ]
    reviews = reviews_due(within_days=0).select_related("owner")
    evidence = kept_evidence(now=now)
    return {
        "page_obj": page,
        "rows": rows,
        "flagged_count": sum(
            score.is_flagged(pressure=figures.get(pk, NO_FIGURES)["pressure"], threshold=threshold)
            for pk in ranking.policy_ids
        ),
        "outcome_chart": _outcome_chart([row for row in rows if row["cases"]]),
        "trend_months": month_labels,
        "trend_rows": trend_rows,
        "trend_chart": {
            "labels": month_labels,
            "threshold": threshold,
            "series": [
                {"label": row["policy"].title, "values": row["points"]} for row in trend_rows
            ],
        },
        "reviews_due": reviews[:REVIEWS_LISTED],
        "reviews_due_count": reviews.count(),
        "answer_times": answer_times_latest_first(kept_answer_times(now=now)),
        "evidence": evidence,
        "evidence_costs": sum(
            bool(cost.upheld.followed_up) for cost in evidence.cost_by_policy.values()
        ),
    }


def _ranking_row(policy, *, threshold: float, user) -> dict:
    return {
        "policy": policy,
        "cases": policy.cases,
        "outcomes": [getattr(policy, name) for name in OUTCOME_FIGURES],
        "share_outside": policy.granted_outside / policy.cases if policy.cases else 0,
        "follow_ups": [
            (result.label, getattr(policy, f"follow_up_{result.value}"))
            for result in FollowUpResult
            if getattr(policy, f"follow_up_{result.value}")
        ],
        "flagged": score.is_flagged(pressure=policy.pressure, threshold=threshold),
        "yours": policy.owner_id == user.pk,
    }


def _outcome_chart(rows: list[dict]) -> dict:
    return {
        "labels": [row["policy"].title for row in rows],
        "series": [
            {
                "key": value,
                "label": Outcome(value).label,
                "values": [row["outcomes"][index] for row in rows],
            }
            for index, value in enumerate(OUTCOME_FIGURES.values())
        ],
    }


@allowed_if(may_view_coverage)
def acknowledgement_coverage(request):
    """How many readers signed the current version of each policy, per policy and per team."""
    people = signers().count()
    page = page_of(request, coverage_by_policy(), per_page=COVERAGE_PER_PAGE)
    in_force = policy_selectors.versions_in_force(policies=page.object_list)
    rows = [
        {
            "policy": policy,
            "in_force": in_force.get(policy.pk),
            "share": policy.signed / people if people else None,
        }
        for policy in page
    ]
    return TemplateResponse(
        request,
        "insights/acknowledgement_coverage.html",
        {
            "people": people,
            "page_obj": page,
            "rows": rows,
            "teams": coverage_by_team(policies=page.paginator.count),
        },
    )


@allowed_if(may_view_coverage)
def acknowledgement_coverage_csv(request):
    """The coverage per policy and team as CSV, every cell safe to open in a spreadsheet."""
    stamp = timezone.localdate().isoformat()
    return streamed_csv(
        chain([COVERAGE_CSV_COLUMNS], coverage_csv_rows()), filename=f"acknowledgements-{stamp}.csv"
    )
