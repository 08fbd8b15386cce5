"""What recording and deciding set on a case, as plain values: no database."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from exceptions.choices import Outcome
from exceptions.rulebook import (
    FOLLOW_UP_AFTER_DAYS,
    Ruling,
    decision_reason,
    path_fields,
    recorded_fields,
    recording_reason,
)
from policies.choices import Tier
from tests.clock import local_time

AT = local_time(2026, 3, 2, 23, 30)
RECORDER = object()


@pytest.mark.parametrize(
    ("ruling", "fields", "reason"),
    [
        (
            Ruling(Outcome.ESCALATED, Tier.SUPERVISOR),
            {
                "recorded_by_tier": Tier.STAFF,
                "outcome": Outcome.ESCALATED,
                "escalated_to_tier": Tier.SUPERVISOR,
                "escalated_at": AT,
            },
            "Recorded and escalated to supervisor",
        ),
        (
            Ruling(Outcome.GRANTED_WITHIN_PATH, Tier.STAFF),
            {
                "recorded_by_tier": Tier.STAFF,
                "outcome": Outcome.GRANTED_WITHIN_PATH,
                "decided_by": RECORDER,
                "decided_by_tier": Tier.STAFF,
                "decided_at": AT,
                "follow_up_due": timezone.localdate(AT)
                + datetime.timedelta(days=FOLLOW_UP_AFTER_DAYS),
            },
            "Recorded",
        ),
    ],
)
def test_recording_sets_where_the_case_waits_or_who_decided_it(ruling, fields, reason):
    assert (
        recorded_fields(ruling=ruling, recorder=RECORDER, recorder_tier=Tier.STAFF, at=AT) == fields
    )
    assert recording_reason(ruling) == reason


def test_a_decision_is_kept_in_history_with_its_outcome_in_words():
    assert decision_reason(Outcome.UPHELD) == f"Decided: {Outcome.UPHELD.label}"


def test_a_new_case_keeps_a_copy_of_its_path_as_it_stands():
    path = SimpleNamespace(
        name="Late return",
        authority=Tier.STAFF,
        limit_amount=14,
        limit_unit="days",
        decision_hours=0,
    )

    assert path_fields(path) == {
        "exception_path": path,
        "path_name": "Late return",
        "path_tier": Tier.STAFF,
        "path_limit_amount": 14,
        "path_limit_unit": "days",
        "path_decision_hours": 0,
    }
    assert path_fields(None) == {"exception_path": None}
