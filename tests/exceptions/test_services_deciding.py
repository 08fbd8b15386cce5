"""The case service's decisions on escalations: who decides, once, on the state shown,
and what the recorder asked for kept.
"""

import pytest
from django.core.exceptions import ValidationError

from exceptions.choices import Decision, Outcome, Request
from exceptions.models import Precedent
from exceptions.services import (
    CaseActionRefused,
    EditConflict,
    decide_escalation,
    update_escalated_precedent,
)
from policies.choices import Flexibility, Tier
from portal import roles
from tests.exceptions.factories import decide, record_case, unchanged, withdraw
from tests.policies.factories import publish_version
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_escalated_case_is_decided_by_a_supervisor(escalated, supervisor):
    assert escalated.outcome == Outcome.ESCALATED
    assert escalated.escalated_to_tier == Tier.SUPERVISOR
    assert escalated.decided_by is None

    decided = decide(escalated, supervisor, Decision.GRANT, "Verified.")

    assert decided.outcome == Outcome.GRANTED_WITHIN_PATH
    assert decided.decided_by == supervisor
    assert decided.decision_rationale == "Verified."


def test_nobody_decides_above_their_tier(policy, staff, supervisor):
    case = record_case(policy, staff, granted=True, escalate=True)
    assert case.escalated_to_tier == Tier.LEADERSHIP

    for decider, why in [
        (staff, "Only supervisors and leadership decide escalated cases."),
        (supervisor, "This case waits for leadership to decide it."),
    ]:
        with pytest.raises(CaseActionRefused) as refused:
            decide(case, decider)
        assert refused.value.message == why
    unchanged(case)


def test_the_second_of_two_deciders_is_told_who_decided_first(escalated, supervisor, leader):
    decide(escalated, supervisor, Decision.GRANT, "Yes")

    with pytest.raises(CaseActionRefused) as refused:
        decide(escalated, leader, Decision.UPHOLD, "No")

    assert refused.value.message == (
        f"{supervisor.get_full_name()} decided this case first; their decision stands."
    )
    assert Precedent.objects.get().outcome == Outcome.GRANTED_WITHIN_PATH


def test_nobody_decides_an_escalation_they_raised(policy, leader):
    other_leader = UserFactory(username="leader2", role=roles.LEADERSHIP)
    case = record_case(policy, leader, granted=True, escalate=True)

    with pytest.raises(CaseActionRefused) as refused:
        decide(case, leader)

    assert refused.value.message == "You raised this escalation, so someone else decides it."
    assert case.escalated_to_tier == Tier.LEADERSHIP
    unchanged(case)
    assert decide(case, other_leader).decided_by == other_leader


def test_nobody_escalates_to_a_tier_where_only_they_could_decide(policy, leader):
    with pytest.raises(ValidationError) as refused:
        record_case(policy, leader, granted=True, escalate=True)

    assert refused.value.message_dict["decision"] == [
        "Nobody else can decide this: you are the only one in leadership. "
        "Record your own decision instead."
    ]
    assert not Precedent.objects.exists()


def test_a_withdrawn_escalation_is_decided_by_nobody_and_withdrawn_once(escalated, staff, leader):
    withdraw(escalated, staff, "The customer found the receipt.")
    withdrawn = Precedent.objects.get()

    with pytest.raises(CaseActionRefused) as refused:
        decide(escalated, leader)
    assert refused.value.message == "This case was withdrawn: it waits for no decision."
    with pytest.raises(CaseActionRefused) as again:
        withdraw(escalated, leader, "Another reason.")
    assert again.value.message == "This case is already withdrawn."

    unchanged(withdrawn)
    assert withdrawn.withdrawn_reason == "The customer found the receipt."


def test_a_decision_on_a_form_shown_before_a_correction_is_refused(escalated, staff, supervisor):
    form_shown_at = escalated.change_count
    update_escalated_precedent(
        precedent=escalated,
        editor=staff,
        changes={"situation": "The receipt was a gift receipt."},
        reason="Clarified.",
        expected_change_count=form_shown_at,
    )
    corrected = Precedent.objects.get()

    with pytest.raises(EditConflict) as conflict:
        decide_escalation(
            precedent=escalated,
            decider=supervisor,
            decision=Decision.GRANT,
            rationale="-",
            expected_change_count=form_shown_at,
        )

    assert conflict.value.current.situation == "The receipt was a gift receipt."
    unchanged(corrected)


def test_an_edit_sent_with_a_count_ahead_of_the_case_never_undoes_a_decision(
    escalated, staff, supervisor
):
    decided = decide(escalated, supervisor, Decision.GRANT, "Verified.")

    for count in (escalated.change_count, decided.change_count, decided.change_count + 1):
        with pytest.raises(CaseActionRefused):
            update_escalated_precedent(
                precedent=escalated,
                editor=staff,
                changes={"situation": "Stale tab."},
                reason="Stale.",
                expected_change_count=count,
            )

    unchanged(decided)
    assert decided.outcome == Outcome.GRANTED_WITHIN_PATH


def test_a_stale_count_refuses_the_change_and_keeps_the_newer_state(escalated, staff):
    update_escalated_precedent(
        precedent=escalated,
        editor=staff,
        changes={"situation": "First."},
        reason="One.",
        expected_change_count=escalated.change_count,
    )
    newer = Precedent.objects.get()

    for count in (escalated.change_count, newer.change_count + 1, 2**31):
        with pytest.raises(EditConflict):
            update_escalated_precedent(
                precedent=escalated,
                editor=staff,
                changes={"situation": "Second."},
                reason="Two.",
                expected_change_count=count,
            )

    unchanged(newer)


def test_escalating_keeps_what_the_recorder_asked_for(policy, staff, supervisor, leader):
    within = record_case(policy, staff, path_name="Late return", amount="3", escalate=True)
    outside = record_case(policy, staff, granted=True, escalate=True)
    uphold = record_case(policy, staff, granted=False, escalate=True)

    assert [case.requested_outcome for case in (within, outside, uphold)] == [
        Request.GRANT_WITHIN_PATH,
        Request.GRANT_OUTSIDE_PATH,
        Request.UPHOLD,
    ]
    assert [case.escalated_to_tier for case in (within, outside, uphold)] == [
        Tier.SUPERVISOR,
        Tier.LEADERSHIP,
        Tier.SUPERVISOR,
    ]
    assert decide(within, supervisor).outcome == Outcome.GRANTED_WITHIN_PATH
    assert decide(outside, leader).outcome == Outcome.GRANTED_OUTSIDE_PATH


def test_a_supervisor_cannot_grant_an_uphold_sent_for_a_second_opinion(policy, staff, supervisor):
    case = record_case(policy, staff, granted=False, escalate=True)

    with pytest.raises(ValidationError) as refused:
        decide(case, supervisor, Decision.GRANT)

    assert refused.value.message_dict["decision"] == ["Granting outside any path needs leadership."]
    unchanged(case)
    assert decide(case, supervisor, Decision.UPHOLD).outcome == Outcome.UPHELD


def test_a_rule_made_firm_while_a_case_waits_is_never_granted(escalated, leader, supervisor):
    publish_version(escalated.policy, approver=leader, flexibility=Flexibility.FIRM, paths=[])
    case = Precedent.objects.get()

    for decider in (supervisor, leader):
        with pytest.raises(ValidationError) as refused:
            decide(case, decider, Decision.GRANT)
        assert refused.value.message_dict["decision"] == ["This rule is firm: it is never bent."]
    unchanged(case)
    assert decide(case, supervisor, Decision.UPHOLD).outcome == Outcome.UPHELD
