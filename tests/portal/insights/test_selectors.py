"""What the insights read: exception pressure, counted by the database against figures
counted by hand, and acknowledgement coverage by team with its CSV rows."""

import datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from exceptions.choices import Decision, FollowUpResult, Standing
from exceptions.models import Precedent
from policies.models import PolicyAcknowledgement, PolicyPage
from portal import roles
from portal.insights.score import NO_FIGURES
from portal.insights.selectors import (
    coverage_by_team,
    coverage_csv_rows,
    live_policies_by_pressure,
    monthly_pressure,
    policies_needing_review,
    pressure_by_policy,
)
from portal.models import UserProfile
from tests.exceptions.factories import decide, follow_up, record_case, withdraw
from tests.policies.factories import PolicyPageFactory, publish_version
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 6, 15, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def ago(**delta) -> datetime.datetime:
    return NOW - datetime.timedelta(**delta)


def backdate(case, *, recorded, decided=None):
    """Move a case's moments into the past; an escalated one was escalated when recorded."""
    moments = {"recorded_at": recorded}
    if case.escalated_at:
        moments["escalated_at"] = recorded
    if decided:
        moments["decided_at"] = decided
    Precedent.objects.filter(pk=case.pk).update(**moments)


def escalate(policy, staff, **extra):
    """A 90 EUR refund without receipt: staff must escalate it to a supervisor (24 h)."""
    return record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True, **extra
    )


@pytest.fixture
def cases(policy, staff, supervisor, leader, area, owner):
    """Ten cases, counted by hand in the tests below."""
    within = record_case(policy, staff, path_name="Late return", amount="5")
    backdate(within, recorded=ago(days=10), decided=ago(days=10))

    outside = record_case(policy, leader, granted=True)
    backdate(outside, recorded=ago(days=5), decided=ago(days=5))

    upheld = record_case(policy, staff, granted=False)
    follow_up(upheld, staff, FollowUpResult.COMPLAINT)
    backdate(upheld, recorded=ago(days=20), decided=ago(days=20))

    late = decide(escalate(policy, staff), supervisor, Decision.GRANT, "-")
    backdate(late, recorded=ago(days=40), decided=ago(days=40) + datetime.timedelta(hours=30))

    prompt = decide(escalate(policy, staff), supervisor, Decision.GRANT, "-")
    follow_up(prompt, staff, FollowUpResult.CAME_BACK)
    backdate(prompt, recorded=ago(days=15), decided=ago(days=15) + datetime.timedelta(hours=2))

    backdate(escalate(policy, staff), recorded=ago(hours=50))
    backdate(escalate(policy, staff), recorded=ago(hours=3))

    withdrawn = record_case(policy, leader, granted=True)
    backdate(withdrawn, recorded=ago(days=3), decided=ago(days=3))
    withdraw(withdrawn, leader, "Recorded twice.")

    old = record_case(policy, leader, granted=True)
    backdate(old, recorded=ago(days=100), decided=ago(days=100))

    other = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Other rule")
    other_case = record_case(other, leader, granted=True)
    backdate(other_case, recorded=ago(days=1), decided=ago(days=1))
    return other


def figures(policy, days, now=NOW):
    counted = pressure_by_policy(
        days=days, now=now, policies=PolicyPage.objects.filter(pk=policy.pk)
    )
    return SimpleNamespace(**counted.get(policy.pk, NO_FIGURES))


def test_figures_over_ninety_days_match_a_count_by_hand(cases, policy):
    counted = figures(policy, 90)

    assert counted.cases == 7  # the withdrawn and the 100-day-old case do not count
    assert (counted.granted, counted.granted_outside, counted.upheld, counted.waiting) == (
        3,
        1,
        1,
        2,
    )
    assert counted.escalations == 4
    assert counted.overdue == 2  # decided after 30 h of 24, and waiting for 50 h of 24
    assert counted.follow_up_complaint == 1
    assert counted.follow_up_came_back == 1
    assert counted.follow_up_resolved == 0
    assert counted.went_badly == 2
    # (3 × 1 outside + 4 escalations + 2 overdue + 2 × 2 went badly) × 30 ÷ 90
    assert counted.pressure == pytest.approx(13 * 30 / 90)


def test_the_window_decides_which_cases_count(cases, policy):
    year = figures(policy, 365)
    month = figures(policy, 30)

    assert (year.cases, year.granted_outside) == (8, 2)
    assert year.pressure == pytest.approx(16 * 30 / 365)
    assert (month.cases, month.escalations, month.overdue, month.went_badly) == (6, 3, 1, 2)
    assert month.pressure == pytest.approx(11.0)


def test_policies_are_ranked_by_pressure_and_quiet_ones_show_zeros(cases, policy):
    ranking = live_policies_by_pressure(days=90, now=NOW)

    assert ranking.policy_ids == [policy.pk, cases.pk]
    quiet = ranking.figures_by_policy[cases.pk]
    assert quiet["cases"] == 1
    assert quiet["pressure"] == pytest.approx(1.0)  # one grant outside any path


def test_a_policy_is_flagged_from_the_threshold_on(cases, policy, settings):
    settings.PORTAL_PRESSURE_THRESHOLD = 13 * 30 / 90

    assert list(policies_needing_review(now=NOW)) == [policy]

    settings.PORTAL_PRESSURE_THRESHOLD = 4.5

    assert list(policies_needing_review(now=NOW)) == []


def test_flagged_policies_can_be_narrowed_to_one_owner(cases, policy, owner, settings):
    settings.PORTAL_PRESSURE_THRESHOLD = 0.5

    assert {item.title for item in policies_needing_review(owner=owner, now=NOW)} == {
        policy.title,
        "Other rule",
    }
    assert list(policies_needing_review(owner=UserFactory(), now=NOW)) == []


def test_month_by_month_points_add_up_to_the_window(cases, policy):
    months, points = monthly_pressure(policy_ids=[policy.pk, cases.pk], days=90, now=NOW)

    assert months == [datetime.date(2026, month, 1) for month in (3, 4, 5, 6)]
    # May: late decision (1 + 1), complaint (2), came back (1 + 2); June: outside (3),
    # waiting past the promise (1 + 1), waiting within it (1).
    assert points[policy.pk] == [0, 0, 7, 6]
    assert points[cases.pk] == [0, 0, 0, 3]


def test_cases_a_new_version_codified_no_longer_press_on_the_rule(policy, leader):
    cited = record_case(policy, leader, granted=True)
    record_case(policy, leader, granted=True)
    publish_version(policy, approver=leader, driven_by=[cited])

    counted = figures(policy, 30, now=timezone.now())

    cited.refresh_from_db()
    assert cited.standing == Standing.CODIFIED
    assert (counted.cases, counted.granted_outside) == (1, 1)
    assert counted.pressure == pytest.approx(3.0)  # the other grant outside any path


def test_overdue_in_the_database_agrees_with_the_escalations_page(policy, staff, leader):
    """The escalations page judges overdue with Precedent.is_overdue; the counts must agree."""
    waiting = [
        escalate(policy, staff),
        record_case(policy, staff, granted=True, escalate=True),  # leadership, 72 h
        record_case(policy, staff, path_name="Late return", amount="30", escalate=True),
    ]
    now = datetime.datetime.now(tz=ZoneInfo("UTC"))
    for case, hours in zip(waiting, [25, 70, 80], strict=True):
        Precedent.objects.filter(pk=case.pk).update(
            escalated_at=now - datetime.timedelta(hours=hours)
        )

    overdue_in_python = sum(case.is_overdue(now) for case in Precedent.objects.all())

    assert overdue_in_python == 2
    assert figures(policy, 30, now=now).overdue == overdue_in_python


def reader(username, team=None, role=roles.STAFF):
    user = UserFactory(username=username, role=role)
    if team is not None:
        UserProfile.objects.create(user=user, team=team)
    return user


def sign(policy, user):
    PolicyAcknowledgement.objects.create(
        policy=policy, revision_id=policy.live_revision_id, user=user
    )


@pytest.fixture
def teams(policy, area, owner, leader):
    """Two policies; care (2 people) has signed 3 of 4, billing 1 of 2, Lee (no team) 0 of 2."""
    other = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Late payment fee")
    ana, ben = reader("ana", "Customer care"), reader("ben", "Customer care", roles.SUPERVISORS)
    cleo = reader("cleo", "Billing")
    reader("lee")
    sign(policy, ana)
    sign(other, ana)
    sign(policy, ben)
    sign(other, cleo)
    return other


def test_coverage_per_team_counts_people_expected_and_given(teams):
    assert coverage_by_team(policies=2) == [
        {"team": "Billing", "people": 1, "expected": 2, "signed": 1, "share": 0.5},
        {"team": "Customer care", "people": 2, "expected": 4, "signed": 3, "share": 0.75},
        {"team": "No team", "people": 1, "expected": 2, "signed": 0, "share": 0.0},
    ]


def test_signatures_of_a_replaced_version_no_longer_count(teams, leader):
    publish_version(teams, approver=leader, summary="New fee.")

    signed = {row["team"]: row["signed"] for row in coverage_by_team(policies=2)}

    assert signed == {"Billing": 0, "Customer care": 2, "No team": 0}


def test_csv_rows_give_each_policy_and_team(teams, policy):
    rows = list(coverage_csv_rows())

    assert [row[:2] + row[3:] for row in rows] == [
        ["Late payment fee", 1, "Billing", 1, 1, 0],
        ["Late payment fee", 1, "Customer care", 2, 1, 1],
        ["Late payment fee", 1, "No team", 1, 0, 1],
        ["Returns within 30 days", 1, "Billing", 1, 0, 1],
        ["Returns within 30 days", 1, "Customer care", 2, 2, 0],
        ["Returns within 30 days", 1, "No team", 1, 0, 1],
    ]
    assert rows[0][2] == timezone.localdate().isoformat()  # when its version went live
