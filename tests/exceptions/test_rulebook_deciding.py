"""The rules of a decision on an escalated case, as plain values: a smaller grant, the
authority it needs, and the clock stopped while the recorder answers a question."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from exceptions.choices import Decision, Outcome
from exceptions.rulebook import (
    PathTerms,
    PolicyTerms,
    clock_paused_after_answer,
    decision_reason,
    granted_in_words,
    rule_on_decision,
)
from policies.choices import Tier
from tests.clock import local_time

STAFF_PATH = PathTerms(name="Late return", tier=Tier.STAFF, limit=Decimal(14), unit="days")
SUPERVISOR_PATH = PathTerms(
    name="Longer return", tier=Tier.SUPERVISOR, limit=Decimal(60), unit="days"
)
TERMS = PolicyTerms(firm=False, paths=(STAFF_PATH, SUPERVISOR_PATH))


def ruled(*, amount, granted, decision=Decision.GRANT, tier=Tier.SUPERVISOR, terms=TERMS):
    """The outcome, or the refusal's message for the decide form's field it names."""
    try:
        return rule_on_decision(
            terms=terms,
            path=STAFF_PATH,
            amount=None if amount is None else Decimal(amount),
            decision=decision,
            decider_tier=tier,
            granted=None if granted is None else Decimal(granted),
        )
    except ValidationError as refused:
        return refused.message_dict


@pytest.mark.parametrize(
    ("amount", "granted", "decision", "tier", "expected"),
    [
        ("60", None, Decision.GRANT, Tier.SUPERVISOR, Outcome.GRANTED_WITHIN_PATH),
        ("60", "40", Decision.GRANT, Tier.SUPERVISOR, Outcome.GRANTED_WITHIN_PATH),
        ("60", "59.99", Decision.GRANT, Tier.SUPERVISOR, Outcome.GRANTED_WITHIN_PATH),
        # Over the supervisors' 60 days only leadership grants; granting 45 is theirs.
        ("90", None, Decision.GRANT, Tier.SUPERVISOR, "decision"),
        ("90", "45", Decision.GRANT, Tier.SUPERVISOR, Outcome.GRANTED_WITHIN_PATH),
        ("90", "61", Decision.GRANT, Tier.SUPERVISOR, "decision"),
        ("60", "60", Decision.GRANT, Tier.SUPERVISOR, "granted_amount"),
        ("60", "61", Decision.GRANT, Tier.SUPERVISOR, "granted_amount"),
        ("60", "0", Decision.GRANT, Tier.SUPERVISOR, "granted_amount"),
        ("60", "-1", Decision.GRANT, Tier.SUPERVISOR, "granted_amount"),
        ("60", "40", Decision.UPHOLD, Tier.SUPERVISOR, "granted_amount"),
        (None, "40", Decision.GRANT, Tier.SUPERVISOR, "granted_amount"),
        ("60", None, Decision.UPHOLD, Tier.SUPERVISOR, Outcome.UPHELD),
    ],
)
def test_a_decider_grants_all_or_less_within_their_authority(
    amount, granted, decision, tier, expected
):
    outcome = ruled(amount=amount, granted=granted, decision=decision, tier=tier)

    if isinstance(expected, Outcome):
        assert outcome == expected
    else:
        assert list(outcome) == [expected]


def test_a_firm_rule_is_not_bent_by_a_smaller_grant():
    assert list(ruled(amount="60", granted="1", terms=PolicyTerms(firm=True))) == ["decision"]


def test_a_smaller_grant_reads_as_part_of_what_was_asked():
    said = granted_in_words(granted=Decimal("40.00"), asked=Decimal("60.00"), unit="days")

    assert said == "Granted 40 of 60 days asked"
    assert decision_reason(Outcome.GRANTED_WITHIN_PATH, smaller_grant=said) == (
        "Decided: Granted within a path. Granted 40 of 60 days asked"
    )


@pytest.mark.parametrize(
    ("paused_hours", "asked", "answered", "expected_hours"),
    [
        (0, local_time(2026, 12, 1, 11, 0), local_time(2026, 12, 1, 16, 0), 5),
        (5, local_time(2026, 12, 2, 9, 0), local_time(2026, 12, 2, 9, 30), 5.5),
        # A clock set back between question and answer takes no time away.
        (2, local_time(2026, 12, 1, 11, 0), local_time(2026, 12, 1, 10, 0), 2),
    ],
)
def test_the_clock_stops_for_the_time_the_recorder_took_to_answer(
    paused_hours, asked, answered, expected_hours
):
    paused = clock_paused_after_answer(
        paused=datetime.timedelta(hours=paused_hours), asked_at=asked, answered_at=answered
    )

    assert paused == datetime.timedelta(hours=expected_hours)
