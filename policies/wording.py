"""Amounts and durations written as people say them: "150 EUR", "1 day", "within 3 days".

Policies and cases both speak of limits and decision times, so both use these.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import Tier


def amount_in_words(amount: Decimal | int | None, unit: str = "") -> str:
    """An amount with its unit: "150 EUR", "12.5 EUR", "1 redelivery"; "" without an amount.

    Whole amounts lose their decimals. A unit counted in words reads in the
    singular for exactly one; currency codes and other capitals stay as typed.
    """
    if amount is None:
        return ""
    number = Decimal(amount).normalize()
    text = f"{number:,f}"
    if not unit:
        return text
    if number == 1:
        unit = singular(unit)
    return f"{text} {unit}"


def singular(unit: str) -> str:
    """The singular of a unit written in plural words: "days" → "day", "working days" →
    "working day", "redeliveries" → "redelivery". Anything else is kept."""
    head, _space, last = unit.rpartition(" ")
    if not last.islower() or not last.endswith("s") or last.endswith("ss"):
        return unit
    last = last[:-3] + "y" if last.endswith("ies") else last[:-1]
    return f"{head} {last}" if head else last


def duration_in_words(hours: float) -> str:
    """A number of hours as people say it: "5 hours", "3 days", "2 days and 3 hours"."""
    days, rest = divmod(round(float(hours)), 24)
    in_days = ngettext("%(count)d day", "%(count)d days", days) % {"count": days}
    in_hours = ngettext("%(count)d hour", "%(count)d hours", rest) % {"count": rest}
    if days and rest:
        return _("%(days)s and %(hours)s") % {"days": in_days, "hours": in_hours}
    return in_days if days else in_hours


def decision_time_in_words(hours: int) -> str:
    """How fast a decision is promised: "on the spot", "within 1 day", "within 8 hours"."""
    if not hours:
        return _("on the spot")
    return _("within %(duration)s") % {"duration": duration_in_words(hours)}


def deciders_in_words(tier: int) -> str:
    """Who decides at `tier`, as a sentence names them: "a supervisor", "leadership"."""
    # Keyed by number: templates pass the tier stored on a case, a plain int.
    names: dict[int, str] = {
        Tier.STAFF: _("a member of staff"),
        Tier.SUPERVISOR: _("a supervisor"),
        Tier.LEADERSHIP: _("leadership"),
    }
    return names[tier]
