"""Amounts and durations as people write them."""

from decimal import Decimal

import pytest

from policies.choices import Tier
from policies.models import ExceptionPath
from policies.wording import (
    amount_in_words,
    deciders_in_words,
    decision_time_in_words,
    duration_in_words,
)


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (Decimal("150.00"), "EUR", "150 EUR"),
        (Decimal("12.50"), "EUR", "12.5 EUR"),
        (Decimal("1500"), "EUR", "1,500 EUR"),
        (Decimal("1"), "EUR", "1 EUR"),
        (Decimal("14.00"), "days", "14 days"),
        (Decimal("1.00"), "days", "1 day"),
        (Decimal("1"), "redeliveries", "1 redelivery"),
        (Decimal("1"), "working days", "1 working day"),
        (Decimal("1"), "glass", "1 glass"),
        (Decimal("90"), "", "90"),
        (None, "EUR", ""),
    ],
)
def test_an_amount_reads_with_its_unit(amount, unit, expected):
    assert amount_in_words(amount, unit) == expected


@pytest.mark.parametrize(
    ("hours", "duration", "decision"),
    [
        (0, "0 hours", "on the spot"),
        (1, "1 hour", "within 1 hour"),
        (8, "8 hours", "within 8 hours"),
        (24, "1 day", "within 1 day"),
        (72, "3 days", "within 3 days"),
        (27, "1 day and 3 hours", "within 1 day and 3 hours"),
        (49.6, "2 days and 2 hours", "within 2 days and 2 hours"),
    ],
)
def test_a_duration_reads_as_people_say_it(hours, duration, decision):
    assert duration_in_words(hours) == duration
    assert decision_time_in_words(round(hours)) == decision


@pytest.mark.parametrize(
    ("tier", "expected"),
    [
        (Tier.STAFF, "a member of staff"),
        (Tier.SUPERVISOR, "a supervisor"),
        (Tier.LEADERSHIP, "leadership"),
    ],
)
def test_who_decides_reads_as_a_sentence_names_them(tier, expected):
    assert deciders_in_words(tier) == expected


@pytest.mark.parametrize(
    ("amount", "unit", "text", "expected"),
    [
        (Decimal("150"), "EUR", "", "up to 150 EUR"),
        (
            Decimal("15"),
            "EUR",
            "once per customer per year",
            "up to 15 EUR · once per customer per year",
        ),
        (None, "", "Case by case", "Case by case"),
        (None, "", "", "no set limit"),
    ],
)
def test_a_path_limit_reads_as_a_reader_says_it(amount, unit, text, expected):
    path = ExceptionPath(limit_amount=amount, limit_unit=unit, limit_text=text)

    assert path.limit_in_words == expected
