"""Exception paths read from the table in a policy document's Exceptions section.

A path says who may bend the rule and how far, so a path read wrongly hands out
authority nobody gave. Only a table whose every column is recognised and whose
every row reads without a guess becomes paths; anything else raises
NotAPathTable, and the section stays in the rule as text, for the owner to turn
into paths in the editor.
"""

import re
from decimal import Decimal

from bs4 import Tag
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..choices import Tier
from ..models import ExceptionPath

# A table's column headings, as policy documents write them, to the path's fields.
COLUMNS = {
    "name": ["path", "name", "exception path", "exception"],
    "authority": ["who may grant", "who may grant it", "who decides", "authority", "tier"],
    "limit": ["limit", "up to", "cap", "maximum"],
    "conditions": ["when", "when it applies", "when this path applies", "conditions"],
    "record": ["record", "what to record", "what must be recorded"],
    "decision_time": ["decision time", "answer within", "decided within", "how fast"],
}
REQUIRED_COLUMNS = ["name", "authority", "conditions", "record"]
TIERS = {
    "staff": Tier.STAFF,
    "frontline": Tier.STAFF,
    "frontline staff": Tier.STAFF,
    "tier 1": Tier.STAFF,
    "supervisor": Tier.SUPERVISOR,
    "supervisors": Tier.SUPERVISOR,
    "tier 2": Tier.SUPERVISOR,
    "leadership": Tier.LEADERSHIP,
    "tier 3": Tier.LEADERSHIP,
}
NO_LIMIT = {"", "-", "none", "no limit", "no set limit"}
# "50 EUR", "up to 14 days", "500 points · once a year".
LIMIT = re.compile(
    r"^(?:up to\s+)?(?P<amount>\d{1,9}(?:\.\d{1,2})?)\s+(?P<unit>[^\W\d]+(?: [^\W\d]+)?)"
    r"(?:\s*[·;,]\s*(?P<text>.+))?$"
)
ON_THE_SPOT = {"", "0", "on the spot", "immediately", "at once"}
# "24 hours", "within 2 days"; working days are refused, as their hours depend on the calendar.
DECISION_TIME = re.compile(r"^(?:within\s+)?(?P<count>\d{1,4})\s+(?P<unit>hour|day)s?$")
HOURS_IN = {"hour": 1, "day": 24}


class NotAPathTable(Exception):
    """The section's table cannot be read as exception paths; `reason` says why, for its owner."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def plain(text: str) -> str:
    return " ".join(text.split())


def normalised(text: str) -> str:
    return plain(text).lower().rstrip(":?.")


COLUMN_OF = {normalised(name): column for column, names in COLUMNS.items() for name in names}


def exception_paths_from(blocks: list[Tag]) -> tuple[list[dict], list[Tag]]:
    """The paths in the section's one table, as ExceptionPath fields, and the section's other
    blocks; raises NotAPathTable when the table is missing or reads with any doubt."""
    tables = [block for block in blocks if block.name == "table"]
    if len(tables) != 1:
        raise NotAPathTable(_("it holds no single table of paths"))
    table = tables[0]
    if table.find("table") is not None:
        raise NotAPathTable(_("its table holds another table"))
    rows = [
        [plain(cell.get_text(" ")) for cell in row.find_all(["td", "th"])]
        for row in table.find_all("tr")
    ]
    if len(rows) < 2:
        raise NotAPathTable(_("its table has no row of paths under its headings"))
    unknown = [text for text in rows[0] if normalised(text) not in COLUMN_OF]
    if unknown:
        raise NotAPathTable(_("its table has a column “%(name)s”") % {"name": unknown[0]})
    columns = [COLUMN_OF[normalised(text)] for text in rows[0]]
    if any(column not in columns for column in REQUIRED_COLUMNS) or len(set(columns)) < len(
        columns
    ):
        raise NotAPathTable(
            _(
                "its table needs one column each for the path, who may grant it, when it "
                "applies and what to record"
            )
        )
    paths = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(columns):
            raise NotAPathTable(_("row %(line)d of its table has merged cells") % {"line": line})
        paths.append(path_from(dict(zip(columns, row, strict=True)), line=line))
    return paths, [block for block in blocks if block is not table]


def path_from(cells: dict[str, str], *, line: int) -> dict:
    """One row's ExceptionPath fields, checked as the editor checks them."""
    authority = TIERS.get(normalised(cells["authority"]))
    if authority is None:
        raise NotAPathTable(
            _("row %(line)d says “%(tier)s” may grant it: write staff, supervisor or leadership")
            % {"line": line, "tier": cells["authority"]}
        )
    fields = {
        "name": cells["name"],
        "authority": authority,
        "conditions": cells["conditions"],
        "record": cells["record"],
        **limit_fields(cells.get("limit", ""), line=line),
        "decision_hours": decision_hours(cells.get("decision_time", ""), line=line),
    }
    try:
        ExceptionPath(**fields).full_clean(exclude=["page", "sort_order"])
    except ValidationError as error:
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise NotAPathTable(
            _("row %(line)d does not read as a path (%(problems)s)")
            % {"line": line, "problems": problems}
        ) from error
    return fields


def limit_fields(text: str, *, line: int) -> dict:
    """A limit as a number and unit, with any words after it; words alone when it has no
    number. A number that reads any other way is refused: a cap is never dropped."""
    if normalised(text) in NO_LIMIT:
        return {}
    if not any(character.isdigit() for character in text):
        return {"limit_text": text}
    match = LIMIT.match(text)
    if match is None:
        raise NotAPathTable(
            _("row %(line)d has the limit “%(limit)s”: write a number and its unit, like 50 EUR")
            % {"line": line, "limit": text}
        )
    return {
        "limit_amount": Decimal(match["amount"]),
        "limit_unit": match["unit"],
        "limit_text": match["text"] or "",
    }


def decision_hours(text: str, *, line: int) -> int:
    """How fast a decision is promised, in hours: "on the spot", "24 hours", "within 2 days"."""
    wording = normalised(text)
    if wording in ON_THE_SPOT:
        return 0
    match = DECISION_TIME.match(wording)
    if match is None:
        raise NotAPathTable(
            _("row %(line)d promises a decision “%(time)s”: write on the spot, or hours or days")
            % {"line": line, "time": text}
        )
    return int(match["count"]) * HOURS_IN[match["unit"]]
