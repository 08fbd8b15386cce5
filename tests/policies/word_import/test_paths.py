"""The Exceptions section's table read as exception paths, or kept as text when in doubt."""

from decimal import Decimal

import pytest

from policies.choices import Tier
from policies.word_import.paths import NotAPathTable, decision_hours, limit_fields
from policies.word_import.reading import read_policy_document
from portal.devtools.demo.word_documents import Bullets, Heading, Table
from tests.policies.word_import.documents import policy_document

HEADER = ("Path", "Who may grant", "Limit", "When it applies", "What to record", "Decision time")
LATE_RETURN = ("Late return", "Staff", "14 days", "Asked soon after.", "The reason.", "On the spot")


def read_with(*blocks):
    return read_policy_document(name="returns.docx", content=policy_document(*blocks))


def read_table(*rows, header=HEADER):
    return read_with(Heading("Exceptions"), Table(header, rows))


def test_a_recognised_table_becomes_exception_paths_and_leaves_the_rule():
    document = read_table(
        LATE_RETURN,
        (
            "No receipt",
            "Supervisor",
            "150 EUR · once a year",
            "Found in the account.",
            "How.",
            "24 hours",
        ),
    )

    assert document.exception_paths == [
        {
            "name": "Late return",
            "authority": Tier.STAFF,
            "limit_amount": Decimal(14),
            "limit_unit": "days",
            "limit_text": "",
            "conditions": "Asked soon after.",
            "record": "The reason.",
            "decision_hours": 0,
        },
        {
            "name": "No receipt",
            "authority": Tier.SUPERVISOR,
            "limit_amount": Decimal(150),
            "limit_unit": "EUR",
            "limit_text": "once a year",
            "conditions": "Found in the account.",
            "record": "How.",
            "decision_hours": 24,
        },
    ]
    assert "Late return" not in document.rule
    assert document.notes == ["2 exception paths were read from the table."]


def test_the_optional_columns_may_be_left_out():
    header = ("Exception path", "Tier", "Conditions", "Record")

    document = read_table(("Late return", "Tier 1", "Asked soon after.", "Why."), header=header)

    assert document.exception_paths[0]["authority"] == Tier.STAFF
    assert document.exception_paths[0]["decision_hours"] == 0
    assert "limit_amount" not in document.exception_paths[0]


# Tables that would need a guess, and what the note says of each.
KEPT_AS_TEXT = {
    "an unknown tier": (
        [(*LATE_RETURN[:1], "Manager", *LATE_RETURN[2:])],
        HEADER,
        "“Manager” may grant it",
    ),
    "a cap that reads two ways": (
        [(*LATE_RETURN[:2], "€50 per order", *LATE_RETURN[3:])],
        HEADER,
        "the limit “€50 per order”",
    ),
    "working days": (
        [(*LATE_RETURN[:5], "2 working days")],
        HEADER,
        "a decision “2 working days”",
    ),
    "an unknown column": (
        [(*LATE_RETURN, "x")],
        (*HEADER, "Notes"),
        "a column “Notes”",
    ),
    "a missing column": ([LATE_RETURN[:4]], HEADER[:4], "needs one column each"),
    "no rows": ([], HEADER, "no row of paths"),
    "an empty condition": (
        [(*LATE_RETURN[:3], "", *LATE_RETURN[4:])],
        HEADER,
        "row 2 does not read as a path",
    ),
    "a name too long": (
        [("N" * 200, *LATE_RETURN[1:])],
        HEADER,
        "row 2 does not read as a path",
    ),
}


@pytest.mark.parametrize("case", list(KEPT_AS_TEXT))
def test_a_table_read_with_any_doubt_stays_in_the_rule_as_text(case):
    rows, header, reason = KEPT_AS_TEXT[case]

    document = read_table(*rows, header=header)

    assert document.exception_paths == []
    assert ">Exceptions</h3>" in document.rule
    assert reason in document.notes[0]
    assert "make them exception paths in the editor" in document.notes[0]


def test_paths_written_as_prose_stay_in_the_rule():
    document = read_with(
        Heading("Exceptions"), Bullets(("Staff may extend the window by 14 days.",))
    )

    assert document.exception_paths == []
    assert "extend the window by 14 days" in document.rule
    assert "no single table of paths" in document.notes[0]


LIMITS = [
    ("", {}),
    ("None", {}),
    ("Case by case", {"limit_text": "Case by case"}),
    ("50 EUR", {"limit_amount": Decimal(50), "limit_unit": "EUR", "limit_text": ""}),
    ("up to 12.50 EUR", {"limit_amount": Decimal("12.50"), "limit_unit": "EUR", "limit_text": ""}),
    (
        "1 redelivery; per order",
        {"limit_amount": 1, "limit_unit": "redelivery", "limit_text": "per order"},
    ),
]


@pytest.mark.parametrize(("text", "fields"), LIMITS)
def test_limits_read_as_a_number_and_unit_or_words(text, fields):
    assert limit_fields(text, line=2) == fields


@pytest.mark.parametrize("text", ["€50", "50", "50 EUR per order", "1,000 EUR", "-5 EUR"])
def test_a_limit_with_a_number_read_any_other_way_is_refused(text):
    with pytest.raises(NotAPathTable):
        limit_fields(text, line=2)


DECISION_TIMES = [
    ("", 0),
    ("On the spot", 0),
    ("immediately", 0),
    ("1 hour", 1),
    ("within 8 hours", 8),
    ("Within 1 day", 24),
    ("3 days", 72),
]


@pytest.mark.parametrize(("text", "hours"), DECISION_TIMES)
def test_decision_times_read_as_hours(text, hours):
    assert decision_hours(text, line=2) == hours


@pytest.mark.parametrize("text", ["same day", "2 working days", "asap", "1 week"])
def test_a_decision_time_that_needs_a_guess_is_refused(text):
    with pytest.raises(NotAPathTable):
        decision_hours(text, line=2)
