"""A row of an exception log read into plain values, or the reason it cannot be.

Cells come as the file holds them: text from a CSV, numbers and dates from an
XLSX. Nothing here reads the database.
"""

import datetime
import functools
import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from policies.choices import Tier

from ..choices import Channel, FollowUpResult, Request
from .columns import header_key

# The largest amount a case keeps (12 digits, 2 of them decimals).
LARGEST_AMOUNT = Decimal("9999999999.99")
LONGEST_TEXT = 20_000
LONGEST_EXTERNAL_ID = 100
LONGEST_NAME = 150

# The fields as messages name them, translated only when a message is shown.
NAMES = {
    "date": gettext_lazy("date"),
    "escalation date": gettext_lazy("escalation date"),
    "external id": gettext_lazy("external id"),
    "policy": gettext_lazy("policy"),
    "situation": gettext_lazy("situation"),
    "decision": gettext_lazy("decision"),
    "path": gettext_lazy("path"),
    "decider": gettext_lazy("decider"),
    "decider's tier": gettext_lazy("decider's tier"),
    "rationale": gettext_lazy("rationale"),
    "follow-up result": gettext_lazy("follow-up result"),
    "channel": gettext_lazy("channel"),
    "tags": gettext_lazy("tags"),
}

DECISIONS = {
    **dict.fromkeys(
        ["granted within a path", "granted within path", "granted", "within a path"],
        Request.GRANT_WITHIN_PATH,
    ),
    **dict.fromkeys(
        ["granted outside any path", "granted outside a path", "granted outside", "outside"],
        Request.GRANT_OUTSIDE_PATH,
    ),
    **dict.fromkeys(["upheld", "rule upheld", "uphold", "refused"], Request.UPHOLD),
}
TIERS = {
    **dict.fromkeys(["1", "staff", "frontline"], Tier.STAFF),
    **dict.fromkeys(["2", "supervisor", "supervisors"], Tier.SUPERVISOR),
    **dict.fromkeys(["3", "leadership", "leader", "leaders"], Tier.LEADERSHIP),
}


class RowRefused(Exception):
    """The row cannot become a case; `message` says why, in words for the importer."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class LogRow:
    """One row of the log, its cells read: what the case will be, before its rules are checked."""

    line: int
    day: datetime.date
    at: datetime.datetime | None
    policy: str
    situation: str
    request: Request
    path: str
    amount: Decimal | None
    decided_by: str
    decider_tier: Tier | None
    rationale: str
    follow_up_result: str
    tags: tuple[str, ...]
    external_id: str
    channel: str
    escalated_at: datetime.datetime | None
    key: str


def read_row(cells: dict[str, object], *, line: int) -> LogRow:
    """Read the cells of the row on `line` of the file, or raise RowRefused."""
    day, at = _when(cells.get("date"), field=NAMES["date"], required=True)
    escalated_day, escalated_at = _when(cells.get("escalated_at"), field=NAMES["escalation date"])
    if escalated_day is not None and escalated_at is None:
        # Escalated that day, at an hour the log does not say: from its start, so it is
        # never after a decision taken the same day.
        escalated_at = datetime.datetime.combine(escalated_day, datetime.time(0))
    external_id = _text(
        cells.get("external_id"), field=NAMES["external id"], longest=LONGEST_EXTERNAL_ID
    )
    row = {
        "policy": _text(cells.get("policy"), field=NAMES["policy"], required=True, longest=255),
        "situation": _text(cells.get("situation"), field=NAMES["situation"], required=True),
        "request": _choice(
            cells.get("decision"), DECISIONS, field=NAMES["decision"], required=True
        ),
        "path": _text(cells.get("path"), field=NAMES["path"], longest=255),
        "amount": _amount(cells.get("amount")),
        "decided_by": _text(cells.get("decided_by"), field=NAMES["decider"], longest=LONGEST_NAME),
        "decider_tier": _choice(cells.get("decider_tier"), TIERS, field=NAMES["decider's tier"]),
        "rationale": _text(cells.get("rationale"), field=NAMES["rationale"], required=True),
        "follow_up_result": _choice(
            cells.get("follow_up_result"),
            _labels(FollowUpResult, get_language()),
            field=NAMES["follow-up result"],
        )
        or "",
        "tags": _tags(cells.get("tags")),
        "channel": _choice(
            cells.get("channel"), _labels(Channel, get_language()), field=NAMES["channel"]
        )
        or Channel.OTHER,
    }
    key = f"id:{external_id}" if external_id else f"row:{fingerprint(day, row)}"
    return LogRow(
        line=line,
        day=day,
        at=at,
        external_id=external_id,
        escalated_at=escalated_at,
        key=key,
        **row,
    )


def fingerprint(day: datetime.date, row: dict) -> str:
    """What finds a row without an id again: a hash of what it says, spelled as read."""
    said = [day.isoformat(), *(str(row[name]) for name in sorted(row))]
    return hashlib.sha256("\x1f".join(said).encode()).hexdigest()


@functools.cache
def _labels(choices, language: str | None) -> dict[str, str]:
    """A choice's values and its labels in `language`, by how a header is compared."""
    return {header_key(value): value for value in choices.values} | {
        header_key(label): value for value, label in choices.choices
    }


def _text(value, *, field, required: bool = False, longest: int = LONGEST_TEXT) -> str:
    text = "" if value is None else str(value).strip()
    if "\x00" in text:
        raise RowRefused(_("The %(field)s holds a null character.") % {"field": field})
    if required and not text:
        raise RowRefused(_("The %(field)s is empty.") % {"field": field})
    if len(text) > longest:
        raise RowRefused(
            _("The %(field)s is longer than %(longest)s characters.")
            % {"field": field, "longest": longest}
        )
    return text


def _choice(value, choices: dict, *, field, required: bool = False):
    text = _text(value, field=field, required=required, longest=200)
    if not text:
        return None
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    found = choices.get(header_key(text)) or choices.get(text.casefold().strip())
    if found is None:
        raise RowRefused(
            _("“%(value)s” is not a %(field)s the portal knows.") % {"value": text, "field": field}
        )
    return found


def _when(value, *, field, required: bool = False):
    """The day a cell names and, when it gives one, the time: (None, None) when empty."""
    if isinstance(value, datetime.datetime):
        return value.date(), (value if value.time() != datetime.time(0) else None)
    if isinstance(value, datetime.date):
        return value, None
    text = "" if value is None else str(value).strip()
    if not text:
        if required:
            raise RowRefused(_("The %(field)s is empty.") % {"field": field})
        return None, None
    try:
        moment = datetime.datetime.fromisoformat(text[:40])
    except ValueError:
        raise RowRefused(
            _("“%(value)s” is not a date: write the %(field)s as a day such as 2025-03-31.")
            % {"value": text[:40], "field": field}
        ) from None
    return moment.date(), (moment if len(text) > 10 else None)


def _amount(value) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise RowRefused(_("The amount is not a number."))
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise RowRefused(
            _("“%(value)s” is not an amount: write a number.") % {"value": str(value)[:40]}
        ) from None
    if not amount.is_finite() or amount < 0 or amount > LARGEST_AMOUNT:
        raise RowRefused(
            _("The amount must be between 0 and %(largest)s.") % {"largest": LARGEST_AMOUNT}
        )
    return amount.quantize(Decimal("0.01"))


def _tags(value) -> tuple[str, ...]:
    text = _text(value, field=NAMES["tags"], longest=1000)
    names = (name.strip() for name in text.replace(";", ",").split(","))
    return tuple(dict.fromkeys(name[:100] for name in names if name))
