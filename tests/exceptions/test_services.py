"""The rules of recording, escalating and deciding cases, and of every later change."""

import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from exceptions.choices import Decision, FollowUpResult, Outcome, Standing
from exceptions.models import Precedent
from exceptions.rulebook import NeedsEscalation
from exceptions.services import (
    AlreadyRecorded,
    CaseActionRefused,
    change_standing,
)
from policies.choices import ChangeKind, Flexibility, Tier
from policies.models import ExceptionPath
from policies.services import approve_policy_revision, submit_policy_revision
from tests.exceptions.factories import decide, follow_up, record_case, shown, withdraw
from tests.policies.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm(area, owner, leader):
    return PolicyPageFactory(
        area=area, owner=owner, approver=leader, flexibility=Flexibility.FIRM, paths=[]
    )


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


def test_a_firm_rule_cannot_be_escalated(firm, staff):
    with pytest.raises(ValidationError) as refused:
        record_case(firm, staff, granted=False, escalate=True)

    assert "nothing to escalate" in str(refused.value.message_dict["decision"])
    assert not Precedent.objects.exists()


def test_the_same_form_sent_twice_records_one_case(policy, staff):
    token = uuid.uuid4()
    first = record_case(policy, staff, path_name="Late return", amount="3", submission_token=token)

    with pytest.raises(AlreadyRecorded) as again:
        record_case(policy, staff, path_name="Late return", amount="3", submission_token=token)

    assert again.value.case == first
    assert Precedent.objects.count() == 1


def test_two_people_may_send_forms_with_the_same_token(policy, staff, supervisor):
    token = uuid.uuid4()
    record_case(policy, staff, granted=False, submission_token=token)
    record_case(policy, supervisor, granted=False, submission_token=token)

    assert Precedent.objects.count() == 2


def test_only_the_recorder_records_the_follow_up(policy, staff, supervisor):
    case = record_case(policy, staff, path_name="Late return", amount="3")

    with pytest.raises(CaseActionRefused):
        follow_up(case, supervisor, FollowUpResult.RESOLVED)
    follow_up(case, staff, FollowUpResult.COMPLAINT, "Unhappy.")

    case.refresh_from_db()
    assert (case.follow_up_result, case.follow_up_notes) == ("complaint", "Unhappy.")


def test_a_follow_up_waits_for_the_decision_and_ends_with_a_withdrawal(escalated, staff, leader):
    with pytest.raises(CaseActionRefused) as waiting:
        follow_up(escalated, staff, FollowUpResult.RESOLVED)
    assert waiting.value.message == "A case gets its follow-up once it is decided."

    decided = record_case(escalated.policy, staff, path_name="Late return", amount="2")
    withdraw(decided, leader)
    with pytest.raises(CaseActionRefused) as withdrawn:
        follow_up(decided, staff, FollowUpResult.RESOLVED)
    assert withdrawn.value.message == "This case was withdrawn; it takes no follow-up."


def test_cases_are_withdrawn_never_deleted(policy, staff, supervisor, leader):
    case = record_case(policy, staff, granted=False)

    with pytest.raises(PermissionDenied):
        case.delete()
    with pytest.raises(CaseActionRefused):
        withdraw(case, supervisor, "Not mine to withdraw.")
    withdraw(case, leader, "Recorded twice by mistake.")

    case.refresh_from_db()
    assert case.standing == Standing.WITHDRAWN
    assert case.withdrawn_reason == "Recorded twice by mistake."


def test_standing_is_set_by_hand_only_on_decided_cases_and_only_to_a_hand_standing(
    escalated, owner, policy, staff
):
    with pytest.raises(CaseActionRefused) as waiting:
        change_standing(
            precedent=escalated,
            user=owner,
            standing=Standing.OVERRULED,
            reason="-",
            expected_change_count=shown(escalated),
        )
    assert waiting.value.message == "A case has a standing once it is decided."

    decided = record_case(policy, staff, path_name="Late return", amount="2")
    for by_its_own_action in (Standing.WITHDRAWN, Standing.CODIFIED):
        with pytest.raises(ValidationError):
            change_standing(
                precedent=decided,
                user=owner,
                standing=by_its_own_action,
                reason="-",
                expected_change_count=shown(decided),
            )
    overruled = change_standing(
        precedent=decided,
        user=owner,
        standing=Standing.OVERRULED,
        reason="Reversed.",
        expected_change_count=shown(decided),
    )
    assert overruled.standing == Standing.OVERRULED


def test_every_change_is_in_the_history_with_who_and_why(escalated, staff, supervisor):
    decide(escalated, supervisor, Decision.UPHOLD, "No.")

    history = list(escalated.history.order_by("history_id"))

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
