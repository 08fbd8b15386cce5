"""When an escalated case is due, in the words a decider scans a queue by."""

import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from policies.wording import duration_in_words

# Past this many days ahead a due time names its date, not its weekday.
WEEKDAY_NAMED_WITHIN_DAYS = 6


def due_in_words(due: datetime.datetime, now: datetime.datetime) -> str:
    """When `due` falls, as seen `now` in the portal's time zone: "due today 16:00",
    "due tomorrow 09:30", "due Friday 11:00", "due 14 Dec 09:30", or once it has
    passed "overdue by 5 hours"."""
    if due < now:
        late_hours = (now - due).total_seconds() / 3600
        if late_hours < 1:
            return _("overdue by less than an hour")
        return _("overdue by %(duration)s") % {"duration": duration_in_words(late_hours)}
    local_due = timezone.localtime(due)
    days_ahead = (local_due.date() - timezone.localtime(now).date()).days
    at = date_format(local_due, "H:i")
    if days_ahead == 0:
        return _("due today %(time)s") % {"time": at}
    if days_ahead == 1:
        return _("due tomorrow %(time)s") % {"time": at}
    if days_ahead <= WEEKDAY_NAMED_WITHIN_DAYS:
        return _("due %(weekday)s %(time)s") % {"weekday": date_format(local_due, "l"), "time": at}
    return _("due %(day)s %(time)s") % {"day": date_format(local_due, "j M"), "time": at}
