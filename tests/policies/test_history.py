"""A policy's history: its published versions, and the version in force on a given day."""

import re

import pytest
from bs4 import BeautifulSoup
from taggit.models import Tag
from wagtail.models import Revision

from policies.choices import ChangeKind, Tier
from policies.history import VERSIONS_PER_PAGE
from policies.models import PolicyPageTag, RelatedPolicy
from policies.services import reject_policy_revision, submit_policy_revision
from portal import roles
from tests.clock import clock_at, local_time
from tests.exceptions.factories import record_case
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
    assert (
        '<h2 class="version__title">Version 3 <span class="badge badge--current">In force</span>'
        in html
    )
    assert html.count("In force</span>") == 1
    assert "Plainer words for the why." in html
    assert "Late returns accepted up to 21 days over the window." in html
    assert "First published version." in html
    assert "1 June 2025, 00:30" in html
    assert "1 March 2025, 23:30" in html
    assert "Editorial: wording only, same rule" in html
    assert html.count(f"<dd>{owner.get_full_name()}</dd>") == 3
    assert html.count(f"<dd>Approved by {leader.get_full_name()}.</dd>") == 3


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
    assert f"<dd>Approved by {other_leader.get_full_name()}.</dd>" in newest
    assert f"<dd>Approved by {leader.get_full_name()}.</dd>" not in newest
    assert f"<dd>Approved by {leader.get_full_name()}.</dd>" in oldest


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


def with_paths_tags_and_links(others) -> dict:
    """The fields of a version listing three paths, three tags and three related policies."""
    return {
        "paths": [
            late_return(21),
            {**late_return(150), "name": "Refund without receipt", "limit_unit": "EUR"},
            {**late_return(None), "name": "Exchange instead of refund", "limit_unit": ""},
        ],
        "tagged_items": [
            PolicyPageTag(tag=Tag.objects.get_or_create(name=name)[0])
            for name in ("refunds", "receipts", "online")
        ],
        "related_policy_links": [RelatedPolicy(policy=other) for other in others],
    }


@pytest.fixture
def busy_policy(area, owner, leader, staff):
    """Four published versions, approved by two leaders; versions 2 to 4 cite three cases
    each, and version 2 lists three paths, three tags and three related policies."""
    other_leader = UserFactory(username="other-leader", role=roles.LEADERSHIP)
    others = PolicyPageFactory.create_batch(3, area=area, owner=owner, approver=leader)
    with clock_at(local_time(2025, 1, 10, 9, 0)):
        policy = PolicyPageFactory(area=area, owner=owner, approver=leader)
    for month, approver, fields in [
        (3, other_leader, with_paths_tags_and_links(others)),
        (6, leader, {}),
        (9, other_leader, {}),
    ]:
        with clock_at(local_time(2025, month, 1, 9, 0)):
            cited = [
                record_case(policy, staff, granted=False, situation=f"Case {month}.{n}")
                for n in range(3)
            ]
            publish_version(policy, approver=approver, driven_by=cited, **fields)
    policy.refresh_from_db()
    return policy


@pytest.mark.parametrize("extra_versions", [0, VERSIONS_PER_PAGE + 5])
def test_history_page_runs_a_fixed_number_of_queries(
    client, staff, leader, busy_policy, django_assert_num_queries, extra_versions
):
    for _ in range(extra_versions):
        publish_version(busy_policy, approver=leader)
    client.force_login(staff)
    client.get(busy_policy.url)  # warm the site-root cache, as on a running server

    # Four of these read the versions, their count, their approvers and the cases they
    # cite; the rest are what every page costs (session, user, the request's savepoint
    # pair; the site and the route to the policy are kept in the cache).
    with django_assert_num_queries(8):
        response = client.get(history_url(busy_policy))
    assert len(response.context["versions"]) == min(4 + extra_versions, VERSIONS_PER_PAGE)


def article(response) -> str:
    return str(BeautifulSoup(response.content, "html.parser").find("article"))


@pytest.mark.parametrize("extra_versions", [0, 10])
def test_as_of_runs_a_fixed_number_of_queries(
    client, staff, leader, busy_policy, django_assert_num_queries, extra_versions
):
    for _ in range(extra_versions):
        publish_version(busy_policy, approver=leader)
    client.force_login(staff)
    client.get(busy_policy.url)  # warm the site-root cache, as on a running server

    # The version in force that day (when each version went live, and who approved it),
    # the policy rebuilt from its revision (its content, and Wagtail's checks of its
    # links), its related policies; the rest are what every page costs.
    with django_assert_num_queries(12):
        response = client.get(f"{busy_policy.url}as-of/2025-04-15/")
    assert response.context["version"].number == 2
    assert len(response.context["exception_paths"]) == 3
    assert len(response.context["related_policies"]) == 3
    assert len(response.context["policy_tags"]) == 3
    # The same day again is read from the cache: no version is rebuilt.
    with django_assert_num_queries(4):
        again = client.get(f"{busy_policy.url}as-of/2025-04-15/")
    assert article(again) == article(response)


def test_as_of_shows_the_version_in_force_that_day_and_says_it_is_not_current(
    client, staff, versioned_policy
):
    client.force_login(staff)

    response = client.get(f"{versioned_policy.url}as-of/2025-04-15/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "This is not the current version." in html
    assert "You are reading version 2, as published on 1 March 2025" in html
    assert f'<a href="{versioned_policy.url}">Read version 3, in force today</a>' in html
    assert [path.limit_display for path in response.context["exception_paths"]] == ["21 days"]
    assert "Returned stock must still be sellable." in html  # the why before version 3


@pytest.mark.parametrize(
    ("day", "version"),
    [
        ("2025-01-09", None),
        ("2025-01-10", 1),
        ("2025-02-28", 1),
        ("2025-03-01", 2),  # went live at 23:30 that day: the new version counts
        ("2025-05-31", 2),  # version 3 went live at 00:30 the next day, local time
        ("2025-06-01", 3),
        ("9999-12-31", 3),
    ],
)
def test_as_of_counts_a_new_version_from_its_publication_day(
    client, staff, versioned_policy, day, version
):
    client.force_login(staff)

    response = client.get(f"{versioned_policy.url}as-of/{day}/")

    if version is None:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert response.context["version"].number == version


def test_as_of_the_current_version_says_it_is_current(client, staff, versioned_policy):
    client.force_login(staff)

    html = client.get(f"{versioned_policy.url}as-of/2025-07-01/").content.decode()

    assert "This is the current version." in html
    assert "Returned items must be sold again as new." in html


def test_as_of_before_the_first_version_explains_itself(client, staff, versioned_policy):
    client.force_login(staff)

    response = client.get(f"{versioned_policy.url}as-of/2024-12-31/")

    assert response.status_code == 404
    html = response.content.decode()
    assert (
        "“Returns within 30 days” was not in force on 31 December 2024: "
        "it had no published version then."
    ) in html
    assert f'href="{history_url(versioned_policy)}"' in html


@pytest.mark.parametrize("day", ["2025-02-30", "2025-13-01", "0000-01-01", "2025-1-5", "today"])
def test_as_of_an_impossible_date_is_not_found(client, staff, versioned_policy, day):
    client.force_login(staff)

    response = client.get(f"{versioned_policy.url}as-of/{day}/")

    assert response.status_code == 404
    assert f"“{day}” is not a valid date." in response.content.decode()


def test_as_of_while_the_policy_was_withdrawn_is_not_found(client, staff, leader, versioned_policy):
    with clock_at(local_time(2025, 7, 1, 12, 0)):
        versioned_policy.unpublish(user=leader)
    with clock_at(local_time(2025, 8, 1, 12, 0)):
        publish_version(versioned_policy, approver=leader, summary="Back in force.")
    client.force_login(staff)

    assert client.get(f"{versioned_policy.url}as-of/2025-07-15/").status_code == 404
    response = client.get(f"{versioned_policy.url}as-of/2025-08-01/")
    assert response.context["version"].number == 4


def test_as_of_never_shows_a_draft(client, staff, owner, versioned_policy):
    draft = versioned_policy.save_revision(user=owner)
    Revision.objects.filter(pk=draft.pk).update(created_at=local_time(2025, 4, 1, 12, 0))
    client.force_login(staff)

    response = client.get(f"{versioned_policy.url}as-of/2025-04-15/")

    assert response.context["version"].number == 2
