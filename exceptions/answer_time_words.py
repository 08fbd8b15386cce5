"""The answer-time ledger in words, for the policy page, the record form and insights.

Honest rather than precise: a time a customer is told is rounded up, and too few
cases are said to be too few rather than turned into a figure.
"""

import datetime
import math

from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from policies.choices import Tier
from policies.wording import decision_time_in_words, duration_in_words

from .answer_times import WINDOW_DAYS, AnswerTimes
from .rulebook import PathTerms, promised_hours


def hours_up(hours: float) -> int:
    """Whole hours, rounded up: "9 in 10 within 20 hours" must not understate the wait."""
    return max(1, math.ceil(hours))


def within(hours: float) -> str:
    return duration_in_words(hours_up(hours))


def tier_promise(*, tier: int, promised_hours: int) -> str:
    """ "Supervisors promise 1 day", "Leadership promises 3 days"."""
    duration = duration_in_words(promised_hours)
    if tier == Tier.LEADERSHIP:
        return _("Leadership promises %(duration)s") % {"duration": duration}
    return _("Supervisors promise %(duration)s") % {"duration": duration}


def ledger_sentence(*, tier: int, promised_hours: int, figures: AnswerTimes | None) -> str:
    """The promise against the record: "Supervisors promise 1 day; half answered within
    6 hours, 9 in 10 within 20 hours (34 cases, last 90 days)."."""
    promise = tier_promise(tier=tier, promised_hours=promised_hours)
    if figures is None:
        return _("%(promise)s; no escalation was decided in the last %(days)d days.") % {
            "promise": promise,
            "days": WINDOW_DAYS,
        }
    if not figures.enough_cases:
        return ngettext(
            "%(promise)s; only %(count)d escalation was decided in the last %(days)d days, "
            "too few to say how long answers really take.",
            "%(promise)s; only %(count)d escalations were decided in the last %(days)d days, "
            "too few to say how long answers really take.",
            figures.cases,
        ) % {"promise": promise, "count": figures.cases, "days": WINDOW_DAYS}
    return _(
        "%(promise)s; half answered within %(median)s, 9 in 10 within %(nine_in_ten)s "
        "(%(count)d cases, last %(days)d days)."
    ) % {
        "promise": promise,
        "median": within(figures.median_hours),
        "nine_in_ten": within(figures.nine_in_ten_hours),
        "count": figures.cases,
        "days": WINDOW_DAYS,
    }


def tell_the_customer_by(
    *, promised_hours: int, figures: AnswerTimes | None, now: datetime.datetime
) -> datetime.datetime:
    """When to tell a customer to expect the answer: the time 9 in 10 escalations were
    decided within, when there are enough of them, or else the promise; on the hour."""
    hours = (
        hours_up(figures.nine_in_ten_hours)
        if figures is not None and figures.enough_cases
        else promised_hours
    )
    due = timezone.localtime(now) + datetime.timedelta(hours=hours)
    if due.minute or due.second or due.microsecond:
        due = due.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1)
    return due


def moment_in_words(moment: datetime.datetime, *, now: datetime.datetime) -> str:
    """ "today 16:00", "tomorrow 11:00", "Tuesday 8 December 11:00"."""
    days = (timezone.localdate(moment) - timezone.localdate(now)).days
    at = time_format(timezone.localtime(moment), "H:i")
    if days == 0:
        return _("today %(time)s") % {"time": at}
    if days == 1:
        return _("tomorrow %(time)s") % {"time": at}
    return f"{date_format(timezone.localtime(moment), 'l j F')} {at}"


def tell_the_customer_sentence(
    *, promised_hours: int, figures: AnswerTimes | None, now: datetime.datetime
) -> str:
    """What to tell a customer whose case is escalated now: "9 in 10 were answered within
    20 hours: tell the customer by tomorrow 11:00.", or by the promise alone."""
    by = moment_in_words(
        tell_the_customer_by(promised_hours=promised_hours, figures=figures, now=now), now=now
    )
    if figures is not None and figures.enough_cases:
        return _("9 in 10 were answered within %(nine_in_ten)s: tell the customer by %(by)s.") % {
            "nine_in_ten": within(figures.nine_in_ten_hours),
            "by": by,
        }
    return _("Tell the customer by %(by)s.") % {"by": by}


def needs_escalation_sentence(
    *, tier: int, promised_hours: int, figures: AnswerTimes | None, now: datetime.datetime
) -> str:
    """What the record form says when a case needs someone of a higher tier."""
    who = _("Needs a supervisor") if tier == Tier.SUPERVISOR else _("Needs leadership")
    by = moment_in_words(
        tell_the_customer_by(promised_hours=promised_hours, figures=figures, now=now), now=now
    )
    promise = decision_time_in_words(promised_hours)
    if figures is not None and figures.enough_cases:
        return _(
            "%(who)s (promised %(promise)s; 9 in 10 answered within %(nine_in_ten)s: "
            "tell the customer by %(by)s)."
        ) % {
            "who": who,
            "promise": promise,
            "nine_in_ten": within(figures.nine_in_ten_hours),
            "by": by,
        }
    return _("%(who)s (promised %(promise)s: tell the customer by %(by)s).") % {
        "who": who,
        "promise": promise,
        "by": by,
    }


def path_sentences(*, path, ledger: dict[tuple[int, int], AnswerTimes]) -> list[str]:
    """One sentence per tier the exception path's escalations go to: the tiers that decided
    some in the window, and the path's own tier when it is above staff."""
    terms = PathTerms.of(path)
    tiers = {tier for path_id, tier in ledger if path_id == path.pk}
    if terms.tier > Tier.STAFF:
        tiers.add(terms.tier)
    return [
        ledger_sentence(
            tier=tier,
            promised_hours=promised_hours(path=terms, tier=Tier(tier)),
            figures=ledger.get((path.pk, tier)),
        )
        for tier in sorted(tiers)
    ]
