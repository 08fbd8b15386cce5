"""Columns are found by their header, whatever its case and spacing, or through a mapping."""

import pytest

from exceptions.case_import.columns import LogRefused, find_columns, parse_mapping

REQUIRED_HEADERS = ["Date", "Policy", "Situation", "Decision", "Rationale"]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Date", "date"),
        ("  DATE ", "date"),
        ("Decided By", "decided_by"),
        ("decidedby", "decided_by"),
        ("decided_by", "decided_by"),
        ("Decider's tier", "decider_tier"),
        ("Follow-up result", "follow_up_result"),
        ("FOLLOW UP RESULT", "follow_up_result"),
        ("External ID", "external_id"),
        ("Exception path", "path"),
        ("Escalated on", "escalated_at"),
    ],
)
def test_a_header_is_matched_whatever_its_case_and_spacing(header, field):
    headers = [name for name in REQUIRED_HEADERS if name.lower() != field] + [header]

    columns = find_columns(headers)

    assert columns.positions[field] == headers.index(header)


def test_headers_the_portal_does_not_know_are_left_out():
    columns = find_columns([*REQUIRED_HEADERS, "Agent's mood"])

    assert set(columns.positions) == {"date", "policy", "situation", "decision", "rationale"}


def test_a_missing_required_column_is_named():
    with pytest.raises(LogRefused, match="No column holds the situation, rationale"):
        find_columns(["Date", "Policy", "Decision"])


def test_two_columns_for_one_field_are_refused():
    with pytest.raises(LogRefused, match="Two columns hold the date"):
        find_columns([*REQUIRED_HEADERS, "Decided on"])


def test_a_mapping_names_the_logs_own_headers():
    mapping = parse_mapping("Opened=date; Rule name = policy;What happened=situation")
    headers = ["Opened", "Rule name", "What happened", "Decision", "Rationale"]

    columns = find_columns(headers, mapping=mapping)

    assert columns.positions == {
        "date": 0,
        "policy": 1,
        "situation": 2,
        "decision": 3,
        "rationale": 4,
    }


def test_a_mapping_may_name_a_field_by_any_of_its_headers():
    assert parse_mapping("Who=Decided by") == {"who": "decided_by"}


@pytest.mark.parametrize("mapping", ["Opened", "Opened=when", "=date", "Opened=date=x"])
def test_a_mapping_that_names_no_field_is_refused(mapping):
    with pytest.raises(LogRefused, match="does not map a header to a field"):
        parse_mapping(mapping)


def test_a_short_row_lacks_its_last_cells():
    columns = find_columns(REQUIRED_HEADERS)

    assert columns.cells(("2025-01-01", "Returns")) == {
        "date": "2025-01-01",
        "policy": "Returns",
        "situation": None,
        "decision": None,
        "rationale": None,
    }
