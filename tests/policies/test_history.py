"""A policy's history: its published versions, newest first."""

import re

import pytest

from policies.choices import ChangeKind, Tier
from policies.history import VERSIONS_PER_PAGE
from policies.services import reject_policy_revision, submit_policy_revision
from portal import roles
from tests.clock import clock_at, local_time
from tests.policies.factories import PolicyPageFactory, publish_version
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def late_return(limit):
    return {
        "name": "Late return",
        "authority": Tier.STAFF,
        "limit_amount": limit,
        "limit_unit": "days",
        "conditions": "Asked soon after the window closed.",
        "record": "The delay's reason.",
        "decision_hours": 0,
    }


@pytest.fixture
def versioned_policy(area, owner, leader):
    """Published 10 Jan 2025; changed 1 Mar 2025 at 23:30 and 1 Jun 2025 at 00:30, local time."""
    with clock_at(local_time(2025, 1, 10, 9, 0)):
        policy = PolicyPageFactory(
            area=area, owner=owner, approver=leader, title="Returns within 30 days"
        )
    with clock_at(local_time(2025, 3, 1, 23, 30)):
        publish_version(
            policy,
            approver=leader,
            summary="Late returns accepted up to 21 days over the window.",
            paths=[late_return(21)],
        )
    with clock_at(local_time(2025, 6, 1, 0, 30)):
        publish_version(
            policy,
            approver=leader,
            summary="Plainer words for the why.",
            kind=ChangeKind.EDITORIAL,
            rationale="<p>Returned items must be sold again as new.</p>",
        )
    policy.refresh_from_db()
    return policy


def history_url(policy):
    return f"{policy.url}history/"


def version_numbers(html):
    """The version numbers the history page lists, top to bottom."""
    return [int(number) for number in re.findall(r'class="version__title">Version (\d+)', html)]


def test_policy_page_links_to_its_history(client, staff, policy):
    client.force_login(staff)

    html = client.get(policy.url).content.decode()

    assert f'href="{history_url(policy)}"' in html


def test_history_lists_published_versions_newest_first_with_their_notes(
    client, staff, owner, leader, versioned_policy
):
    client.force_login(staff)

    html = client.get(history_url(versioned_policy)).content.decode()

    assert version_numbers(html) == [3, 2, 1]
    assert "Current version" in html
    assert "Plainer words for the why." in html
    assert "Late returns accepted up to 21 days over the window." in html
    assert "First published version." in html
    assert "1 June 2025, 00:30" in html
    assert "1 March 2025, 23:30" in html
    assert "Editorial: wording only, same rule" in html
    assert html.count(f"<dd>{owner.get_full_name()}</dd>") == 3
    assert html.count(f"<dd>{leader.get_full_name()}</dd>") == 3


def test_drafts_and_rejected_submissions_never_appear(client, staff, owner, leader, policy):
    policy.summary = "Returns within 60 days."
    submit_policy_revision(
        policy=policy,
        author=owner,
        summary="Double the window.",
        kind=ChangeKind.SUBSTANTIVE,
    )
    reject_policy_revision(policy=policy, reviewer=leader, comment="Show the cases first.")
    policy.summary = "Returns within 90 days."
    policy.pending_revision_note = {"summary": "Draft: triple it.", "kind": ChangeKind.SUBSTANTIVE}
    policy.save_revision(user=owner)
    client.force_login(staff)

    html = client.get(history_url(policy)).content.decode()

    assert version_numbers(html) == [1]
    assert "Double the window." not in html
    assert "Draft: triple it." not in html


def test_each_version_names_the_leader_who_approved_it(client, staff, area, owner, leader):
    other_leader = UserFactory(username="other-leader", role=roles.LEADERSHIP)
    policy = PolicyPageFactory(area=area, owner=owner, approver=leader)
    publish_version(policy, approver=other_leader, summary="Approved by the other leader.")
    client.force_login(staff)

    html = client.get(history_url(policy)).content.decode()

    newest, oldest = html.split('id="version-')[1:]
    assert f"<dd>{other_leader.get_full_name()}</dd>" in newest
    assert f"<dd>{leader.get_full_name()}</dd>" not in newest
    assert f"<dd>{leader.get_full_name()}</dd>" in oldest


def test_a_version_published_without_approval_says_so(client, staff, policy):
    administrator = UserFactory(username="admin", is_superuser=True)
    policy.summary = "Published by an administrator."
    policy.pending_revision_note = {"summary": "Urgent fix.", "kind": ChangeKind.EDITORIAL}
    policy.save_revision(user=administrator).publish(user=administrator)
    client.force_login(staff)

    html = client.get(history_url(policy)).content.decode()

    newest = html.split('id="version-')[1]
    assert "Urgent fix." in newest
    assert f"No approval on record: published directly by {administrator.get_full_name()}" in newest


def test_history_shows_twenty_versions_a_page(client, staff, leader, policy):
    for number in range(2, VERSIONS_PER_PAGE + 2):
        publish_version(policy, approver=leader, summary=f"Change number {number}.")
    client.force_login(staff)

    first_page = client.get(history_url(policy)).content.decode()
    second_page = client.get(history_url(policy), {"page": 2}).content.decode()

    assert version_numbers(first_page) == list(range(VERSIONS_PER_PAGE + 1, 1, -1))
    assert version_numbers(second_page) == [1]
    assert "Page 2 of 2" in second_page


@pytest.mark.parametrize("extra_versions", [0, VERSIONS_PER_PAGE + 5])
def test_history_page_runs_a_fixed_number_of_queries(
    client, staff, leader, policy, django_assert_max_num_queries, extra_versions
):
    for _ in range(extra_versions):
        publish_version(policy, approver=leader)
    client.force_login(staff)
    client.get(policy.url)  # warm the site-root cache, as on a running server

    # Three of these read the versions, their count and their approvers; the rest are
    # what every policy URL costs (session, routing, permissions).
    with django_assert_max_num_queries(18):
        assert client.get(history_url(policy)).status_code == 200
