"""Acknowledgement coverage by team, and its CSV rows."""

import pytest
from django.utils import timezone

from policies.models import PolicyAcknowledgement
from portal import roles
from portal.coverage import coverage_by_team, coverage_csv_rows
from portal.models import UserProfile
from tests.policies.factories import PolicyPageFactory, publish_version
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


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


def test_the_csv_cannot_smuggle_a_formula_into_a_spreadsheet(client, leader, area, owner):
    PolicyPageFactory(area=area, owner=owner, approver=leader, title='=HYPERLINK("x")')
    reader("mallory", "@SUM(A1:A9)")
    client.force_login(leader)

    body = client.get("/insights/acknowledgements.csv").getvalue().decode()

    assert "'=HYPERLINK" in body
    assert "'@SUM(A1:A9)" in body
