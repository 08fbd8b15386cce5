"""A log row's cells read into plain values, or refused with the reason, cell by cell."""

import datetime
from decimal import Decimal

import pytest

from exceptions.case_import.rows import RowRefused, read_row
from exceptions.choices import Channel, FollowUpResult, Request
from policies.choices import Tier


def naive(*parts) -> datetime.datetime:
    """A date and time as a spreadsheet's cell holds it: with no time zone."""
    return datetime.datetime(*parts)  # noqa: DTZ001


ROW = {
    "date": "2025-03-31",
    "policy": "Returns within 30 days",
    "situation": "Jacket returned 5 days late.",
    "decision": "Granted within a path",
    "path": "Late return",
    "amount": "5",
    "rationale": "Unused.",
}


def read(**cells):
    return read_row({**ROW, **cells}, line=7)


@pytest.mark.parametrize(
    ("cells", "field", "value"),
    [
        ({}, "day", datetime.date(2025, 3, 31)),
        (
            {"date": naive(2025, 3, 31, 14, 30)},
            "at",
            naive(2025, 3, 31, 14, 30),
        ),
        ({"date": naive(2025, 3, 31)}, "at", None),
        ({"date": datetime.date(2025, 3, 31)}, "day", datetime.date(2025, 3, 31)),
        ({"date": "2025-03-31 09:15"}, "at", naive(2025, 3, 31, 9, 15)),
        ({"decision": "granted"}, "request", Request.GRANT_WITHIN_PATH),
        ({"decision": " GRANTED OUTSIDE ANY PATH "}, "request", Request.GRANT_OUTSIDE_PATH),
        ({"decision": "Rule upheld"}, "request", Request.UPHOLD),
        ({"decision": "upheld"}, "request", Request.UPHOLD),
        ({"amount": 12.5}, "amount", Decimal("12.50")),
        ({"amount": "12,5"}, "amount", Decimal("12.50")),
        ({"amount": ""}, "amount", None),
        ({"decider_tier": "Supervisor"}, "decider_tier", Tier.SUPERVISOR),
        ({"decider_tier": 3.0}, "decider_tier", Tier.LEADERSHIP),
        ({"decider_tier": ""}, "decider_tier", None),
        ({"follow_up_result": "Customer came back"}, "follow_up_result", FollowUpResult.CAME_BACK),
        ({"follow_up_result": "resolved"}, "follow_up_result", FollowUpResult.RESOLVED),
        ({"channel": "In store"}, "channel", Channel.STORE),
        ({}, "channel", Channel.OTHER),
        ({"tags": "returns; late, returns,  "}, "tags", ("returns", "late")),
        ({"external_id": " EX-1 "}, "key", "id:EX-1"),
        ({"escalated_at": "2025-03-30"}, "escalated_at", naive(2025, 3, 30, 0)),
    ],
)
def test_a_cell_is_read_as_the_value_it_means(cells, field, value):
    assert getattr(read(**cells), field) == value


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (
            {"date": "2025-02-30"},
            "“2025-02-30” is not a date: write the date as a day such as 2025-03-31.",
        ),
        ({"date": "31/03/2025"}, "“31/03/2025” is not a date"),
        ({"date": "yesterday"}, "“yesterday” is not a date"),
        ({"date": ""}, "The date is empty."),
        ({"escalated_at": "soon"}, "“soon” is not a date: write the escalation date as"),
        ({"policy": "  "}, "The policy is empty."),
        ({"situation": None}, "The situation is empty."),
        ({"rationale": ""}, "The rationale is empty."),
        ({"situation": "a\x00b"}, "The situation holds a null character."),
        ({"situation": "x" * 20_001}, "The situation is longer than 20000 characters."),
        ({"decision": "Maybe"}, "“Maybe” is not a decision the portal knows."),
        ({"decision": ""}, "The decision is empty."),
        ({"amount": "14 days"}, "“14 days” is not an amount: write a number."),
        ({"amount": "-5"}, "The amount must be between 0 and 9999999999.99."),
        ({"amount": "1e30"}, "The amount must be between 0 and"),
        ({"amount": "NaN"}, "The amount must be between 0 and"),
        ({"decider_tier": "intern"}, "“intern” is not a decider's tier the portal knows."),
        ({"follow_up_result": "Happy"}, "“Happy” is not a follow-up result the portal knows."),
        ({"external_id": "x" * 101}, "The external id is longer than 100 characters."),
    ],
)
def test_a_cell_that_cannot_be_read_refuses_the_row_with_the_reason(cells, reason):
    with pytest.raises(RowRefused) as refused:
        read(**cells)

    assert refused.value.message.startswith(reason)


def test_a_row_without_an_id_is_found_again_by_what_it_says():
    first, again = read(), read()

    assert first.key == again.key
    assert first.key.startswith("row:")
    assert read(situation="Another situation.").key != first.key
    assert read(date="2025-04-01").key != first.key
