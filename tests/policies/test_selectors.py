"""Reads of policies: the version in force (one selector, read by every page that speaks of
it), what a reader has left to sign, coverage, signers and the reviews due."""

import dataclasses
import datetime

import pytest
from django.urls import reverse

from policies import selectors
from policies.choices import ChangeKind
from policies.models import PolicyPage
from policies.selectors import (
    changes_sent_back,
    coverage_by_policy,
    policies_to_acknowledge,
    reviews_due,
    signers,
    version_in_force,
    versions_in_force,
)
from policies.services import submit_policy_revision
from policies.signatures import acknowledgement_status
from portal import roles
from tests.clock import clock_at, local_time
from tests.exceptions.factories import record_case
from tests.policies.editor import edit_url, policy_form_data
from tests.policies.factories import PolicyPageFactory, publish_version, send_back
from tests.policies.signing import sign, titles
from tests.portal.factories import UserFactory
from tests.reading import words_on

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture
def changed(area, owner, leader):
    """Version 1 live on 10 Jan 2026, version 2 (editorial) on 2 Mar 2026."""
    with clock_at(local_time(2026, 1, 10, 9, 0)):
        policy = PolicyPageFactory(area=area, owner=owner, approver=leader)
    with clock_at(local_time(2026, 3, 2, 9, 0)):
        publish_version(policy, approver=leader, kind=ChangeKind.EDITORIAL, summary="Wording.")
    return PolicyPage.objects.get(pk=policy.pk)


def test_the_version_in_force_is_the_live_one_with_its_day_and_approver(changed, leader):
    version = version_in_force(policy=changed)

    assert version.number == 2
    assert version.revision.pk == changed.live_revision_id
    assert version.went_live_at == local_time(2026, 3, 2, 9, 0)
    assert version.approved_by == (leader,)
    assert version.note.summary == "Wording."


@pytest.mark.parametrize(
    ("day", "number"),
    [
        (datetime.date(2026, 3, 1), 1),
        (datetime.date(2026, 3, 2), 2),  # a version counts from the day it went live
        (datetime.date(2030, 1, 1), 2),
    ],
)
def test_the_version_in_force_on_a_day(changed, day, number):
    assert version_in_force(policy=changed, day=day).number == number


def test_no_version_is_in_force_before_the_first_or_while_unpublished(changed):
    first_day = version_in_force(policy=changed, day=datetime.date(2026, 3, 1))
    day_before = first_day.went_live_at.date() - datetime.timedelta(days=1)

    assert version_in_force(policy=changed, day=day_before) is None
    changed.unpublish()
    assert version_in_force(policy=PolicyPage.objects.get(pk=changed.pk)) is None


def test_many_policies_are_read_in_two_queries(
    area, owner, leader, policy, django_assert_num_queries
):
    others = PolicyPageFactory.create_batch(4, area=area, owner=owner, approver=leader)
    publish_version(others[0], approver=leader)
    policies = list(PolicyPage.objects.filter(pk__in=[policy.pk, *(p.pk for p in others)]))

    with django_assert_num_queries(2):
        in_force = versions_in_force(policies=policies)

    assert {pk: version.number for pk, version in in_force.items()} == {
        policy.pk: 1,
        others[0].pk: 2,
        **{other.pk: 1 for other in others[1:]},
    }
    assert all(version.approved_by == (leader,) for version in in_force.values())


def every_page_that_names_the_version_in_force(policy, case):
    return {
        "policy page": (policy.url, "Version 7, in force since"),
        "history": (f"{policy.url}history/", "Version 7 is in force, since 2 March 2026."),
        "as-of page": (f"{policy.url}as-of/2030-01-01/", "Version 7, in force on 1 January 2030"),
        "case page": (case.get_absolute_url(), "Recorded under version"),
        "acknowledgement coverage": (reverse("acknowledgement_coverage"), "Version 7, since"),
    }


@pytest.mark.parametrize(
    "page",
    ["policy page", "history", "as-of page", "case page", "acknowledgement coverage"],
)
def test_every_page_reads_the_version_in_force_from_the_one_selector(
    client, monkeypatch, changed, leader, staff, page
):
    """Whatever the selector says is in force, each page says; none works it out itself."""
    case = record_case(
        changed, staff, path_name="Refund without receipt", amount="90", escalate=True
    )
    one, many = selectors.version_in_force, selectors.versions_in_force

    def seventh(version):
        return version and dataclasses.replace(version, number=7)

    monkeypatch.setattr(selectors, "version_in_force", lambda **kw: seventh(one(**kw)))
    monkeypatch.setattr(
        selectors,
        "versions_in_force",
        lambda **kw: {pk: seventh(v) for pk, v in many(**kw).items()},
    )
    url, expected = every_page_that_names_the_version_in_force(changed, case)[page]
    client.force_login(leader)

    words = words_on(client.get(url).content)

    assert expected in words
    if page == "case page":
        # Recorded under version 2, with version "7" in force: the rule changed since.
        assert "The rule has changed since: version 7 is in force." in words


def test_a_substantive_version_asks_again_with_what_changed(policy, staff, leader):
    sign(policy, staff)

    publish_version(
        policy,
        kind=ChangeKind.SUBSTANTIVE,
        summary="Staff may now accept returns up to 45 days: most late returns were granted.",
        approver=leader,
        scope="Online and in-store orders.",
    )

    waiting = list(policies_to_acknowledge(user=staff))
    assert titles(waiting) == ["Returns within 30 days"]
    assert waiting[0].signed_before
    assert waiting[0].change_summary.startswith("Staff may now accept returns up to 45 days")
    status = acknowledgement_status(policy=policy, user=staff)
    assert status["signed"] is None
    assert status["signed_before"]
    assert status["note"].summary.startswith("Staff may now accept returns up to 45 days")


def test_an_editorial_version_keeps_the_signature(policy, staff, leader):
    signature = sign(policy, staff)

    publish_version(
        policy,
        kind=ChangeKind.EDITORIAL,
        summary="Plainer words.",
        approver=leader,
        scope="All online orders, in plainer words.",
    )

    assert list(policies_to_acknowledge(user=staff)) == []
    assert acknowledgement_status(policy=policy, user=staff)["signed"] == signature


def test_a_substantive_draft_not_yet_approved_asks_nothing(policy, staff):
    sign(policy, staff)
    draft = PolicyPage.objects.get(pk=policy.pk)
    draft.scope = "A rule nobody approved."
    submit_policy_revision(
        policy=draft, author=policy.owner, summary="Not approved.", kind=ChangeKind.SUBSTANTIVE
    )

    assert list(policies_to_acknowledge(user=staff)) == []


def test_coverage_counts_current_signers_of_the_current_version(
    policy, area, owner, leader, staff, supervisor
):
    other = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Another rule")
    sign(policy, staff)
    sign(policy, supervisor)
    sign(other, staff)
    publish_version(other, kind=ChangeKind.SUBSTANTIVE, summary="New limits.", approver=leader)
    gone = UserFactory(username="gone", role=roles.STAFF)
    sign(policy, gone)
    gone.is_active = False
    gone.save()

    coverage = {item.title: item.signed for item in coverage_by_policy()}

    assert coverage == {"Another rule": 0, "Returns within 30 days": 2}


def test_signers_are_the_active_people_whose_role_asks_them_to_sign(staff, supervisor, leader):
    UserFactory(username="admin", is_superuser=True)
    UserFactory(username="gone", role=roles.STAFF, is_active=False)

    assert sorted(signers().values_list("username", flat=True)) == ["staff", "supervisor"]


def set_due(policy, day):
    PolicyPage.objects.filter(pk=policy.pk).update(next_review_due=day)


def test_reviews_due_lists_the_owners_policies_due_soon_with_overdue_marked(
    policy, area, owner, leader
):
    soon = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Due soon")
    later = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Due later")
    someone_elses = PolicyPageFactory(area=area, approver=leader, title="Not mine")
    set_due(policy, TODAY - datetime.timedelta(days=3))
    set_due(soon, TODAY + datetime.timedelta(days=20))
    set_due(later, TODAY + datetime.timedelta(days=45))
    set_due(someone_elses, TODAY - datetime.timedelta(days=30))

    due = list(reviews_due(owner=owner, on=TODAY))

    assert [(item.title, item.review_overdue) for item in due] == [
        ("Returns within 30 days", True),
        ("Due soon", False),
    ]
    assert [item.title for item in reviews_due(on=TODAY, within_days=0)] == [
        "Not mine",
        "Returns within 30 days",
    ]


def test_changes_sent_back_are_the_user_s_own_with_who_asked_when_and_why(
    policy, area, owner, leader
):
    other_owner = UserFactory(username="owner2", role=roles.POLICY_OWNERS)
    with clock_at(local_time(2026, 5, 4, 10, 0)):
        send_back(policy, reviewer=leader, comment="Cite the late-return cases.")
    with clock_at(local_time(2026, 5, 6, 10, 0)):
        newer = send_back(
            PolicyPageFactory(area=area, owner=owner, approver=leader, title="Gift cards"),
            reviewer=leader,
            comment="Too vague.",
            title="Gift cards, renamed",
        )
        send_back(PolicyPageFactory(area=area, owner=other_owner, approver=leader), reviewer=leader)

    sent_back = [
        (
            change.policy_id,
            change.policy_title,
            change.current_task_state.finished_by,
            change.current_task_state.finished_at,
            change.current_task_state.comment,
        )
        for change in changes_sent_back(user=owner)
    ]

    assert sent_back == [
        (newer.pk, "Gift cards, renamed", leader, local_time(2026, 5, 6, 10, 0), "Too vague."),
        (
            policy.pk,
            "Returns within 30 days",
            leader,
            local_time(2026, 5, 4, 10, 0),
            "Cite the late-return cases.",
        ),
    ]
    assert list(changes_sent_back(user=leader)) == []


def test_a_change_sent_back_leaves_the_list_once_its_owner_resubmits_it(
    client, policy, owner, leader
):
    send_back(policy, reviewer=leader)
    assert len(changes_sent_back(user=owner)) == 1
    client.force_login(owner)

    response = client.post(
        edit_url(policy), policy_form_data(client, policy, action="action-submit")
    )

    assert response.status_code == 302
    assert list(changes_sent_back(user=owner)) == []
    assert PolicyPage.objects.get(pk=policy.pk).workflow_in_progress
