"""Which column of an exception log holds which field: matched by header, ignoring case
and spaces, with a mapping for the names a company's own log uses."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Each field and the headers it is found under, as a log usually names them.
HEADERS = {
    "date": ("date", "decided on", "date decided"),
    "policy": ("policy", "rule"),
    "situation": ("situation",),
    "decision": ("decision", "outcome"),
    "path": ("path", "exception path"),
    "amount": ("amount",),
    "decided_by": ("decided by", "decider"),
    "decider_tier": ("decider's tier", "decider tier", "tier"),
    "rationale": ("rationale", "why"),
    "follow_up_result": ("follow-up result", "follow up result", "follow-up"),
    "tags": ("tags",),
    "external_id": ("external id", "id", "reference"),
    "channel": ("channel",),
    "escalated_at": ("escalated on", "escalated at", "escalated"),
}
REQUIRED = ("date", "policy", "situation", "decision", "rationale")


class LogRefused(Exception):
    """The file cannot be read, or its headers cannot be matched to the fields (with the
    mapping given for them); `message` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def header_key(header: object) -> str:
    """A header as it is compared: no case, no spaces, hyphens or underscores."""
    return re.sub(r"[\s_\-]+", "", str(header or "")).casefold()


KNOWN = {header_key(name): field for field, names in HEADERS.items() for name in names} | {
    header_key(field): field for field in HEADERS
}


def parse_mapping(text: str) -> dict[str, str]:
    """Read "Our header=date;Another=policy" into {header key: field}.

    The field may be named by its key or by any header it is known under.
    """
    mapping = {}
    for pair in filter(None, (part.strip() for part in (text or "").split(";"))):
        header, equals, field = pair.rpartition("=")
        if not equals or not header.strip() or header_key(field) not in KNOWN:
            raise LogRefused(
                _("“%(pair)s” does not map a header to a field; fields are: %(fields)s.")
                % {"pair": pair, "fields": ", ".join(HEADERS)}
            )
        mapping[header_key(header)] = KNOWN[header_key(field)]
    return mapping


@dataclass(frozen=True)
class Columns:
    """The position of each field's column in the file's rows."""

    positions: dict[str, int]

    def cells(self, row) -> dict[str, object]:
        """The row's cells by field; a short row lacks its last cells."""
        return {
            field: row[position] if position < len(row) else None
            for field, position in self.positions.items()
        }


def find_columns(headers, *, mapping: dict[str, str] | None = None) -> Columns:
    """Match the file's headers to fields, the mapping first; unknown headers are left out.

    Raises LogRefused when a required field has no column, or two columns hold one field.
    """
    known = KNOWN | (mapping or {})
    positions: dict[str, int] = {}
    for position, header in enumerate(headers):
        field = known.get(header_key(header))
        if field is None:
            continue
        if field in positions:
            raise LogRefused(
                _("Two columns hold the %(field)s: “%(first)s” and “%(second)s”.")
                % {"field": field, "first": headers[positions[field]], "second": header}
            )
        positions[field] = position
    missing = [field for field in REQUIRED if field not in positions]
    if missing:
        raise LogRefused(
            _("No column holds the %(fields)s. Name them in the header row, or map your headers.")
            % {"fields": ", ".join(missing)}
        )
    return Columns(positions)
