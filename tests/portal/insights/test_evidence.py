"""What the evidence pages read from the database, and what it costs."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from exceptions.choices import Decision, FollowUpResult
from exceptions.models import Precedent
from portal import roles
from portal.insights.evidence import evidence, kept_evidence
from tests.clock import local_time
from tests.exceptions.factories import decide, follow_up, record_case, withdraw
from tests.policies.factories import default_paths, publish_version
from tests.portal.factories import UserFactory
from tests.portal.insights.evidence_cases import late_return, repeat_damage_claims

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_the_limit(policy, staff, leader):
    """Ten returns 15 to 18 days late, all granted by leadership a day after they were asked."""
    cases = [late_return(policy, staff, leader, days=str(15 + index % 4)) for index in range(10)]
    for case in cases:
        Precedent.objects.filter(pk=case.pk).update(
            decided_at=case.escalated_at + datetime.timedelta(hours=24)
        )
    return cases


def test_a_path_whose_escalations_are_granted_gets_a_suggested_limit(policy, past_the_limit):
    [path] = evidence(now=timezone.now()).limits

    assert (path.policy_id, path.name, path.unit) == (policy.pk, "Late return", "days")
    assert path.evidence.limit == Decimal(14)
    assert path.evidence.suggested == Decimal(18)
    assert path.evidence.total.cases == 10
    assert path.evidence.total.hours_waited == pytest.approx(240)


def test_upheld_cases_in_the_top_band_take_the_suggestion_back(
    policy, past_the_limit, staff, leader
):
    late_return(policy, staff, leader, days="18", decision=Decision.UPHOLD)
    late_return(policy, staff, leader, days="17", decision=Decision.UPHOLD)

    [path] = evidence(now=timezone.now()).limits

    # 16 to 18 days: 4 granted of 6. Up to 16: all 6 granted, but fewer than 10 cases.
    assert path.evidence.suggested is None


def test_withdrawn_and_old_cases_are_not_evidence(policy, past_the_limit, leader):
    withdraw(past_the_limit[0], leader)
    Precedent.objects.filter(pk=past_the_limit[1].pk).update(
        recorded_at=timezone.now() - datetime.timedelta(days=400)
    )

    [path] = evidence(now=timezone.now()).limits

    assert path.evidence.total.cases == 8
    assert path.evidence.suggested is None


def test_five_grants_outside_any_path_sharing_a_tag_propose_a_path(policy, staff, leader):
    repeat_damage_claims(policy, staff, leader)

    [proposal] = evidence(now=timezone.now()).proposals

    assert proposal.policy_id == policy.pk
    assert proposal.name == "Repeat damage claim"
    assert proposal.cases == 5
    assert proposal.limit == Decimal(76)
    assert proposal.tier == 3
    assert proposal.unit == "", "the policy's limits are in days and in euros"


def test_a_proposed_path_takes_the_unit_its_policy_s_limits_share(policy, staff, leader):
    receipt = default_paths()[1]
    publish_version(policy, approver=leader, paths=[receipt])
    repeat_damage_claims(policy, staff, leader)

    [proposal] = evidence(now=timezone.now()).proposals

    assert (proposal.limit, proposal.unit) == (Decimal(76), receipt["limit_unit"])


def test_upheld_and_granted_follow_ups_are_compared_per_policy(policy, staff, leader):
    upheld = record_case(policy, staff, granted=False)
    follow_up(upheld, staff, FollowUpResult.CHURNED)
    granted = record_case(policy, staff, path_name="Late return", amount="3")
    follow_up(granted, staff, FollowUpResult.RESOLVED)

    cost = evidence(now=timezone.now()).cost_by_policy[policy.pk]

    assert (cost.upheld.followed_up, cost.upheld.went_badly) == (1, 1)
    assert (cost.granted.followed_up, cost.granted.went_badly) == (1, 0)
    assert not cost.enough


def test_a_decider_far_from_colleagues_on_similar_amounts_is_found(policy, staff, leader):
    other = UserFactory(username="leader2", role=roles.LEADERSHIP)
    for _index in range(5):
        late_return(policy, staff, leader, decision=Decision.UPHOLD)
        late_return(policy, staff, other)

    found = evidence(now=timezone.now()).differences

    assert {(item.decider_id, item.granted, item.decided) for item in found} == {
        (leader.pk, 0, 5),
        (other.pk, 5, 5),
    }


@pytest.mark.parametrize("extra", [0, 30])
def test_the_evidence_is_counted_in_a_fixed_number_of_queries(
    policy, staff, leader, past_the_limit, extra, django_assert_num_queries
):
    for _index in range(5 + extra):
        decide(record_case(policy, staff, escalate=True, tags=["repeat"]), leader)
    for _index in range(extra):
        late_return(policy, staff, leader, days="16")

    # Limited paths, decisions by amount, tag groups, their grants and follow-ups by
    # side; then the similar-cases search for the one proposal (latest cases, the search).
    with django_assert_num_queries(7):
        evidence(now=timezone.now())


def test_the_evidence_is_kept_until_a_case_changes(policy, past_the_limit, staff, leader):
    first = kept_evidence()
    again = kept_evidence()
    late_return(policy, staff, leader, days="15")
    after = kept_evidence()

    assert first.limits[0].evidence.total.cases == again.limits[0].evidence.total.cases == 10
    assert after.limits[0].evidence.total.cases == 11


def test_the_evidence_is_counted_once_a_day_while_no_case_changes(
    policy, past_the_limit, django_assert_num_queries
):
    morning = local_time(2026, 12, 6, 8, 0)
    kept_evidence(now=morning)

    with django_assert_num_queries(0):
        kept_evidence(now=morning + datetime.timedelta(hours=15, minutes=59))
    # Midnight in the portal's time zone: the window moves on a day, counted afresh.
    with django_assert_num_queries(4):
        kept_evidence(now=morning + datetime.timedelta(hours=16))


def test_a_limit_raised_in_a_new_version_is_read_at_once(policy, past_the_limit, leader):
    assert kept_evidence().suggestions
    paths = default_paths()
    paths[0]["limit_amount"] = 18

    publish_version(policy, approver=leader, paths=paths)

    # No case changed: the new version alone renews what was kept.
    assert kept_evidence().suggestions == []
