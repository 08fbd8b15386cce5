"""What the record form needs to say, before it is sent, whether the case is within the
recorder's authority: each decision's tier and limit, and what to tell the customer
when it needs someone of a higher tier.

The page's script applies rulebook.tier_needed to these figures as the amount is
typed; the case service still decides when the form is sent.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from policies.choices import Tier

from .answer_time_words import needs_escalation_sentence, tell_the_customer_sentence
from .answer_times import AnswerTimes, kept_answer_times
from .choices import Request
from .forms import PATH_PREFIX, RecordCaseForm
from .permissions import user_tier
from .rulebook import PathTerms, promised_hours

ABOVE_STAFF = (Tier.SUPERVISOR, Tier.LEADERSHIP)


def authority_rules(*, form: RecordCaseForm, user, now: datetime.datetime | None = None):
    """The figures the record form's script decides by, or None under a firm rule,
    where the only decision open is to uphold it."""
    if form.policy.is_firm:
        return None
    now = now or timezone.now()
    ledger = kept_answer_times(now=now)
    decisions = {
        f"{PATH_PREFIX}{pk}": _decision(PathTerms.of(path), path_id=pk, ledger=ledger, now=now)
        for pk, path in form.paths.items()
    }
    decisions[Request.GRANT_OUTSIDE_PATH] = _decision(None, path_id=None, ledger=ledger, now=now)
    decisions[Request.UPHOLD] = {"path": False, "tier": Tier.STAFF, "limit": None, "unit": ""}
    return {
        "tier": user_tier(user),
        "within": _("Within your authority."),
        "escalate": {
            str(Tier.SUPERVISOR): _("Escalate to supervisor"),
            str(Tier.LEADERSHIP): _("Escalate to leadership"),
        },
        "decisions": decisions,
    }


def _decision(
    path: PathTerms | None,
    *,
    path_id: int | None,
    ledger: dict[tuple[int, int], AnswerTimes],
    now: datetime.datetime,
) -> dict:
    """A path's tier, limit and unit, or granting outside any path (leadership's alone);
    and per tier above staff, what the form says when the case needs that tier: as the
    script says it ("needs") and, once the server refused it, what to tell the customer."""
    needs, tell = {}, {}
    for tier in ABOVE_STAFF:
        promised = promised_hours(path=path, tier=tier)
        figures = None if path_id is None else ledger.get((path_id, tier))
        needs[str(tier)] = needs_escalation_sentence(
            tier=tier, promised_hours=promised, figures=figures, now=now
        )
        tell[str(tier)] = tell_the_customer_sentence(
            promised_hours=promised, figures=figures, now=now
        )
    return {
        "path": path is not None,
        "tier": Tier.LEADERSHIP if path is None else path.tier,
        "limit": None if path is None or path.limit is None else str(path.limit),
        "unit": "" if path is None else path.unit,
        "needs": needs,
        "tell": tell,
    }


def what_to_tell(rules: dict | None, *, decision: str, tier: int) -> str:
    """What to tell the customer when the chosen decision goes to `tier`, or ""."""
    chosen = (rules or {}).get("decisions", {}).get(decision)
    return chosen.get("tell", {}).get(str(tier), "") if chosen else ""
