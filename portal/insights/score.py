"""The pressure score: how hard the cases under a policy push against it.

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

These rules need no database. The database counts the figures and applies the
same `points` and `pressure` to its own columns (portal.insights.selectors), so
the formula is written once.
"""

from collections.abc import Mapping

from exceptions.choices import FollowUpResult, Outcome, Standing

WINDOW_CHOICES = (30, 90, 365)
# Policy pages, the owner's queue and the reminders judge pressure over this window.
DEFAULT_WINDOW_DAYS = 90
# Pressure is points per this many days, whatever the window.
SCALE_DAYS = 30
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
# The figures of a policy without a counted case in the window.
NO_FIGURES = {**dict.fromkeys(FIGURE_NAMES, 0), "pressure": 0.0}


def points(figures: Mapping):
    """The weighted sum of the figures named in WEIGHTS.

    The figures may be numbers or the database's expressions for them: the sum
    is built the same way for both.
    """
    return sum((weight * figures[name] for name, weight in WEIGHTS.items()), start=0)


def pressure(*, points, days: int):
    """`points` counted over `days`, as points per SCALE_DAYS."""
    return points * float(SCALE_DAYS) / days


def is_flagged(*, pressure: float, threshold: float) -> bool:
    """Whether a policy with this pressure is marked "review recommended"."""
    return pressure >= threshold


def ranking_key(*, figures: Mapping, title: str, pk: int) -> tuple:
    """Sorts policies by highest pressure, then most cases, then title, then id."""
    return (-figures["pressure"], -figures["cases"], title.casefold(), pk)
