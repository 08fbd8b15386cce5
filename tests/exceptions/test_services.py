"""The rules of recording, escalating and deciding cases."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from exceptions.choices import Decision, FollowUpResult, Outcome, Standing
from exceptions.models import Precedent
from exceptions.services import (
    AlreadyDecided,
    NeedsEscalation,
    decide_escalation,
    record_follow_up,
    withdraw_precedent,
)
from policies.choices import ChangeKind, Flexibility, Tier
from policies.models import ExceptionPath
from policies.services import approve_policy_revision, submit_policy_revision
from tests.exceptions.factories import record_case
from tests.policies.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


def test_staff_decide_within_their_path_and_limit(policy, staff):
    case = record_case(policy, staff, path_name="Late return", amount="10")

    assert case.outcome == Outcome.GRANTED_WITHIN_PATH
    assert case.decided_by == staff
    assert case.decided_by_tier == Tier.STAFF
    assert case.follow_up_due is not None


def test_over_the_limit_needs_a_higher_tier_in_plain_words(policy, staff):
    with pytest.raises(NeedsEscalation) as needed:
        record_case(policy, staff, path_name="Late return", amount="20")

    assert needed.value.tier == Tier.LEADERSHIP
    assert (
        needed.value.message == "This needs leadership: the limit is 14 days, you entered 20 days."
    )
    assert not Precedent.objects.exists()


def test_over_the_limit_goes_to_the_tier_whose_path_covers_it(area, owner, leader, staff):
    policy = PolicyPageFactory(
        area=area,
        owner=owner,
        approver=leader,
        paths=[
            {
                "name": "Small refund",
                "authority": Tier.STAFF,
                "limit_amount": 50,
                "limit_unit": "EUR",
                "conditions": "-",
                "record": "-",
                "decision_hours": 0,
            },
            {
                "name": "Larger refund",
                "authority": Tier.SUPERVISOR,
                "limit_amount": 300,
                "limit_unit": "EUR",
                "conditions": "-",
                "record": "-",
                "decision_hours": 8,
            },
        ],
    )

    with pytest.raises(NeedsEscalation) as needed:
        record_case(policy, staff, path_name="Small refund", amount="80")

    assert needed.value.tier == Tier.SUPERVISOR
    assert (
        needed.value.message == "This needs a supervisor: the limit is 50 EUR, you entered 80 EUR."
    )


def test_a_path_above_the_recorders_tier_needs_escalation(policy, staff, supervisor):
    with pytest.raises(NeedsEscalation) as needed:
        record_case(policy, staff, path_name="Refund without receipt", amount="100")

    assert needed.value.tier == Tier.SUPERVISOR
    assert needed.value.decision_hours == 24
    assert record_case(
        policy, supervisor, path_name="Refund without receipt", amount="100"
    ).is_decided


def test_granting_outside_any_path_is_for_leadership(policy, staff, supervisor, leader):
    for recorder in (staff, supervisor):
        with pytest.raises(NeedsEscalation):
            record_case(policy, recorder, granted=True)

    assert record_case(policy, leader, granted=True).outcome == Outcome.GRANTED_OUTSIDE_PATH


def test_anyone_may_uphold_the_rule(policy, staff):
    assert record_case(policy, staff, granted=False).outcome == Outcome.UPHELD


def test_a_firm_rule_can_only_be_upheld(area, owner, leader, staff):
    firm = PolicyPageFactory(
        area=area, owner=owner, approver=leader, flexibility=Flexibility.FIRM, paths=[]
    )

    with pytest.raises(ValidationError) as error:
        record_case(firm, leader, granted=True)

    assert "never bent" in str(error.value.message_dict["decision"])
    assert record_case(firm, staff, granted=False).outcome == Outcome.UPHELD


def test_a_path_with_a_limit_needs_the_amount(policy, staff):
    with pytest.raises(ValidationError) as error:
        record_case(policy, staff, path_name="Late return", amount=None)

    assert error.value.message_dict["amount"] == [
        "Enter the amount: this path has a limit of 14 days."
    ]


def test_a_user_without_a_role_cannot_record(policy, outsider):
    with pytest.raises(PermissionDenied):
        record_case(policy, outsider, granted=False)


def test_a_case_keeps_its_policy_version_and_path_after_the_policy_changes(
    policy, staff, owner, leader
):
    case = record_case(policy, staff, path_name="Late return", amount="10")
    version_then = policy.live_revision

    policy.exception_paths = [
        ExceptionPath(
            name="Late return (new)",
            authority=Tier.SUPERVISOR,
            limit_amount=30,
            limit_unit="days",
            conditions="-",
            record="-",
            decision_hours=0,
        )
    ]
    submit_policy_revision(
        policy=policy, author=owner, summary="Paths reworked.", kind=ChangeKind.SUBSTANTIVE
    )
    approve_policy_revision(policy=policy, approver=leader)

    case.refresh_from_db()
    assert case.policy_revision == version_then
    assert case.exception_path is None
    assert (case.path_name, case.path_tier, case.limit_display) == ("Late return", 1, "14 days")


def test_escalated_case_is_decided_by_a_supervisor(policy, staff, supervisor):
    case = record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )
    assert case.outcome == Outcome.ESCALATED
    assert case.escalated_to_tier == Tier.SUPERVISOR
    assert case.decided_by is None

    decided = decide_escalation(
        precedent=case, decider=supervisor, decision=Decision.GRANT, rationale="Verified."
    )

    assert decided.outcome == Outcome.GRANTED_WITHIN_PATH
    assert decided.decided_by == supervisor
    assert decided.decision_rationale == "Verified."


def test_nobody_decides_above_their_tier(policy, staff, supervisor):
    case = record_case(policy, staff, granted=True, escalate=True)
    assert case.escalated_to_tier == Tier.LEADERSHIP

    for decider in (staff, supervisor):
        with pytest.raises(PermissionDenied):
            decide_escalation(
                precedent=case, decider=decider, decision=Decision.GRANT, rationale="-"
            )
    assert Precedent.objects.get().outcome == Outcome.ESCALATED


def test_the_second_of_two_deciders_is_told_the_case_is_decided(policy, staff, supervisor, leader):
    case = record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )
    decide_escalation(precedent=case, decider=supervisor, decision=Decision.GRANT, rationale="Yes")

    with pytest.raises(AlreadyDecided) as already:
        decide_escalation(precedent=case, decider=leader, decision=Decision.UPHOLD, rationale="No")

    assert already.value.precedent.decided_by == supervisor
    assert Precedent.objects.get().outcome == Outcome.GRANTED_WITHIN_PATH


def test_only_the_recorder_records_the_follow_up(policy, staff, supervisor):
    case = record_case(policy, staff, path_name="Late return", amount="3")

    with pytest.raises(PermissionDenied):
        record_follow_up(precedent=case, user=supervisor, result=FollowUpResult.RESOLVED, notes="")
    record_follow_up(precedent=case, user=staff, result=FollowUpResult.COMPLAINT, notes="Unhappy.")

    case.refresh_from_db()
    assert (case.follow_up_result, case.follow_up_notes) == ("complaint", "Unhappy.")


def test_cases_are_withdrawn_never_deleted(policy, staff, supervisor, leader):
    case = record_case(policy, staff, granted=False)

    with pytest.raises(PermissionDenied):
        case.delete()
    with pytest.raises(PermissionDenied):
        withdraw_precedent(precedent=case, user=supervisor, reason="Not mine to withdraw.")
    withdraw_precedent(precedent=case, user=leader, reason="Recorded twice by mistake.")

    case.refresh_from_db()
    assert case.standing == Standing.WITHDRAWN
    assert case.withdrawn_reason == "Recorded twice by mistake."


def test_every_change_is_in_the_history_with_who_and_why(policy, staff, supervisor):
    case = record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )
    decide_escalation(precedent=case, decider=supervisor, decision=Decision.UPHOLD, rationale="No.")

    history = list(case.history.order_by("history_id"))

    assert [(row.history_user, row.history_change_reason) for row in history] == [
        (staff, "Recorded and escalated to supervisor"),
        (supervisor, "Decided: Rule upheld"),
    ]
    assert history[1].diff_against(history[0]).changed_fields == [
        "decided_at",
        "decided_by",
        "decided_by_tier",
        "decision_rationale",
        "follow_up_due",
        "outcome",
    ]
