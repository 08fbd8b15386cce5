"""What each event says: the whole case to the portal's own JSON, its beginning to a chat,
and an id that names what happened, the same however often it is built."""

import pytest

from exceptions.services import decide_escalation
from portal.webhooks import events
from portal.webhooks.events import SITUATION_IN_CHAT
from tests.exceptions.factories import decide, record_case, shown

pytestmark = pytest.mark.django_db


def escalated(policy, staff, **fields):
    return record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True, **fields
    )


def test_a_chat_shows_the_start_of_a_long_situation_and_the_json_all_of_it(
    policy, staff, supervisor
):
    situation = "The customer explains at length. " * 40
    case = escalated(policy, staff, situation=situation)

    event = events.case_escalated(case)

    assert event.data["case"]["situation"] == situation
    assert len(event.announcement.text) == SITUATION_IN_CHAT
    assert event.announcement.text.endswith("…")
    assert situation.startswith(event.announcement.text[:-1])


def test_an_escalation_names_its_tier_path_amount_and_recorder(policy, staff, supervisor):
    staff.first_name, staff.last_name = "Sam", "Frontline"
    staff.save()
    case = escalated(policy, staff)

    announcement = events.case_escalated(case).announcement

    assert announcement.title == f"Case #{case.pk} waits for supervisor"
    assert announcement.facts == [
        ("Policy", "Returns within 30 days"),
        ("Exception path", "Refund without receipt"),
        ("Asked", "90 EUR"),
        ("Recorded by", "Sam Frontline"),
    ]
    assert announcement.link_label == "Decide this case"


def test_a_smaller_grant_says_so_in_its_decision(policy, staff, supervisor):
    case = escalated(policy, staff)
    decided = decide_escalation(
        precedent=case,
        decider=supervisor,
        decision="grant",
        rationale="Half the receipt found.",
        expected_change_count=shown(case),
        granted_amount=40,
    )

    event = events.case_decided(decided)

    assert event.announcement.title == f"Case #{case.pk} decided: Granted 40 of 90 EUR asked"
    assert event.data["case"]["granted_amount"] == "40"


def test_an_event_id_names_what_happened(policy, staff, supervisor):
    case = escalated(policy, staff)
    first = events.case_escalated(case).id

    assert events.case_escalated(case).id == first
    assert events.case_decided(decide(case, supervisor)).id != first
    assert events.case_escalated(escalated(policy, staff)).id != first
