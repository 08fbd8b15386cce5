"""CSV downloads, safe to open in a spreadsheet and streamed in constant memory.

An export of every case is hundreds of thousands of rows: they are read from a
server-side cursor a few thousand at a time, as plain values (building a model
object per row took most of the time), and sent on in chunks as they are written.
"""

import csv
import io
from collections.abc import Iterable, Iterator

from django.db import transaction
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone

from portal.model_fields import field_of

from .models import Precedent

CASE_COLUMNS = [
    "id",
    "policy",
    "recorded at",
    "recorded by",
    "situation",
    "path",
    "path tier",
    "amount",
    "unit",
    "asked for",
    "outcome",
    "amount granted",
    "escalated to",
    "decided by",
    "decided at",
    "rationale",
    "decision rationale",
    "channel",
    "standing",
    "follow-up result",
]
# What the rows are read from: people are read as their names and login.
CASE_VALUES = [
    "pk",
    "policy__title",
    "recorded_at",
    "recorded_by__first_name",
    "recorded_by__last_name",
    "recorded_by__username",
    "situation",
    "path_name",
    "path_tier",
    "amount",
    "path_limit_unit",
    "requested_outcome",
    "outcome",
    "granted_amount",
    "escalated_to_tier",
    "decided_by__first_name",
    "decided_by__last_name",
    "decided_by__username",
    "decided_at",
    "rationale",
    "decision_rationale",
    "channel",
    "standing",
    "follow_up_result",
]
LABELLED_FIELDS = [
    "path_tier",
    "requested_outcome",
    "outcome",
    "escalated_to_tier",
    "channel",
    "standing",
    "follow_up_result",
]

# Rows read from the database at a time, and text sent to the browser at a time.
CURSOR_ROWS = 2000
CHUNK_CHARACTERS = 64 * 1024

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Return the value as text that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def streamed_csv(rows: Iterable[list], *, filename: str) -> StreamingHttpResponse:
    """A CSV download of `rows` (the header first), every cell made safe, sent as written."""
    response = StreamingHttpResponse(_csv_chunks(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _csv_chunks(rows: Iterable[list]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
        if buffer.tell() >= CHUNK_CHARACTERS:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def read_in_batches(queryset: QuerySet) -> Iterator:
    """The rows of `queryset`, through a server-side cursor held in a transaction of its own.

    The response streams after the request's transaction has ended; outside one,
    PostgreSQL would copy the whole result aside before sending the first row.
    """
    with transaction.atomic(using=queryset.db):
        yield from queryset.iterator(chunk_size=CURSOR_ROWS)


def case_rows(cases: QuerySet[Precedent]) -> Iterator[list]:
    """The header, then one row per case in the order of `cases`."""
    labels = {
        name: {value: str(label) for value, label in field_of(Precedent, name).flatchoices}
        for name in LABELLED_FIELDS
    }
    zone = timezone.get_current_timezone()
    yield CASE_COLUMNS
    for values in read_in_batches(cases.values_list(*CASE_VALUES)):
        case = dict(zip(CASE_VALUES, values, strict=True))
        for name, names in labels.items():
            case[name] = names.get(case[name], "" if case[name] is None else case[name])
        yield [
            case["pk"],
            case["policy__title"],
            _local(case["recorded_at"], zone),
            _person(case, "recorded_by"),
            case["situation"],
            case["path_name"],
            case["path_tier"],
            "" if case["amount"] is None else case["amount"],
            case["path_limit_unit"] if case["amount"] is not None else "",
            case["requested_outcome"],
            case["outcome"],
            "" if case["granted_amount"] is None else case["granted_amount"],
            case["escalated_to_tier"],
            _person(case, "decided_by"),
            _local(case["decided_at"], zone),
            case["rationale"],
            case["decision_rationale"],
            case["channel"],
            case["standing"],
            case["follow_up_result"],
        ]


def _person(case: dict, role: str) -> str:
    """A recorder's or decider's full name, or their username, or "" for nobody."""
    first, last = case[f"{role}__first_name"] or "", case[f"{role}__last_name"] or ""
    return f"{first} {last}".strip() or case[f"{role}__username"] or ""


def _local(moment, zone) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M") if moment else ""
