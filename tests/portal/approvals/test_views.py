"""Leadership approves policy changes in the portal, with the change's replay beside it."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from exceptions.choices import Standing
from policies.choices import ChangeKind, Tier
from policies.models import PolicyPage, RevisionNote
from policies.services import submit_policy_revision
from portal import freshness, roles
from tests.clock import clock_at
from tests.exceptions.factories import decide, record_case
from tests.policies.factories import PolicyPageFactory, changed, default_paths, submit_version
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("approvals:inbox")


def text_of(response) -> str:
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


def staff_may_refund(limit=100) -> list[dict]:
    """The factory's paths, with refunds without a receipt handed to staff up to `limit`."""
    late, receipt = default_paths()
    return [late, {**receipt, "authority": Tier.STAFF, "limit_amount": limit}]


@pytest.fixture
def waited(policy, staff, supervisor):
    """A refund without receipt staff had to escalate; a supervisor granted it 20 hours later."""
    asked_at = timezone.now() - datetime.timedelta(days=10)
    with clock_at(asked_at):
        case = record_case(
            policy, staff, path_name="Refund without receipt", amount="90", escalate=True
        )
    with clock_at(asked_at + datetime.timedelta(hours=20)):
        return decide(case, supervisor)


@pytest.fixture
def submitted(policy, waited):
    return submit_version(
        policy, summary="Staff refund up to 100 EUR without a receipt.", paths=staff_may_refund()
    )


@pytest.fixture
def other_leader(db):
    return UserFactory(username="second-leader", role=roles.LEADERSHIP)


def test_the_inbox_lists_each_change_waiting_with_its_replay(client, leader, submitted, waited):
    client.force_login(leader)

    page = text_of(client.get(INBOX))

    assert "Returns within 30 days" in page
    assert "Staff refund up to 100 EUR without a receipt. (Substantive" in page
    assert "1 escalation its recorder could have decided (20 hours of waiting saved)" in page


def test_the_inbox_lists_the_longest_waiting_first(client, leader, area, policy, submitted):
    newer = PolicyPageFactory(area=area, approver=leader, title="Gift cards")
    submit_version(newer, summary="Gift cards last two years.")
    client.force_login(leader)

    page = text_of(client.get(INBOX))

    assert page.index("Returns within 30 days") < page.index("Gift cards")


def test_the_inbox_says_when_nothing_waits(client, leader, policy):
    client.force_login(leader)

    assert "No policy change is waiting for approval." in text_of(client.get(INBOX))


def test_the_inbox_costs_the_same_however_many_changes_wait(
    client, leader, area, submitted, django_assert_num_queries
):
    client.force_login(leader)
    client.get(INBOX)
    # Read again, the list is kept: session, user and the request's transaction.
    with django_assert_num_queries(4):
        client.get(INBOX)
    # Built anew, as after a change is submitted or answered: the count and the page of
    # waiting changes; their policies with revisions and notes; the cited cases; Wagtail's
    # user bar (the leader's profile, twice). Each change's replay and the leader's
    # permissions stay kept.
    freshness.bump(freshness.WORKFLOWS)
    with django_assert_num_queries(10):
        client.get(INBOX)
    submit_version(PolicyPageFactory(area=area, approver=leader), summary="Another change.")
    client.get(INBOX)
    freshness.bump(freshness.WORKFLOWS)

    with django_assert_num_queries(10):
        response = client.get(INBOX)
    assert len(response.context["changes"]) == 2


def test_the_review_page_shows_the_diff_the_replay_and_the_answers(
    client, other_leader, submitted, waited
):
    client.force_login(other_leader)

    response = client.get(reverse("approvals:review", args=[submitted.object_id]))
    page = text_of(response)

    assert "Submitted by" in page
    assert "waiting for leadership's approval" in page
    assert "Escalations the recorder could have decided: 1" in page
    assert f"#{waited.pk}" in page
    assert "Refund without receipt" in page
    assert "100 EUR" in page
    assert 'action="' + reverse("approvals:approve", args=[submitted.object_id]) in (
        response.content.decode()
    )


def test_the_author_of_a_change_is_offered_no_answer(client, leader, policy):
    leader_wrote_it = submit_policy_revision(
        policy=changed(policy, summary="Unused items within 45 days."),
        author=leader,
        summary="A change leadership wrote.",
        kind=ChangeKind.EDITORIAL,
    )
    client.force_login(leader)

    response = client.get(reverse("approvals:review", args=[policy.pk]))

    assert "You wrote this change: another member of leadership approves it." in text_of(response)
    assert reverse("approvals:approve", args=[policy.pk]) not in response.content.decode()
    refused = client.post(
        reverse("approvals:approve", args=[policy.pk]), {"revision": leader_wrote_it.pk}
    )
    assert refused.status_code == 403
    assert PolicyPage.objects.get(pk=policy.pk).live_revision_id != leader_wrote_it.pk


def test_the_owner_reads_the_review_page_without_answers(client, owner, submitted):
    client.force_login(owner)

    response = client.get(reverse("approvals:review", args=[submitted.object_id]))

    assert response.status_code == 200
    assert "Escalations the recorder could have decided: 1" in text_of(response)
    assert reverse("approvals:approve", args=[submitted.object_id]) not in (
        response.content.decode()
    )


def test_approving_publishes_and_keeps_what_the_approver_saw(
    client, other_leader, submitted, policy
):
    client.force_login(other_leader)

    response = client.post(
        reverse("approvals:approve", args=[policy.pk]),
        {"revision": submitted.pk, "comment": "Fine: supervisors were a bottleneck."},
    )

    assert response.status_code == 302
    assert PolicyPage.objects.get(pk=policy.pk).live_revision_id == submitted.pk
    note = RevisionNote.objects.get(revision=submitted)
    assert note.approver_comment == "Fine: supervisors were a bottleneck."
    assert note.replay_summary["decided_sooner"] == 1
    assert note.replay_summary["hours_saved"] == pytest.approx(20, abs=0.1)
    history = text_of(client.get(policy.url + "history/"))
    assert "What the approver saw" in history
    assert "Fine: supervisors were a bottleneck." in history
    assert "1 escalation its recorder could have decided (20 hours of waiting saved)" in history


def test_approving_can_supersede_the_standing_cases_the_change_contradicts(
    client, other_leader, policy, staff
):
    late = record_case(policy, staff, path_name="Late return", amount="10")
    late_return, receipt = default_paths()
    submitted = submit_version(policy, paths=[{**late_return, "limit_amount": 7}, receipt])
    client.force_login(other_leader)

    client.post(
        reverse("approvals:approve", args=[policy.pk]),
        {"revision": submitted.pk, "supersede": "on"},
    )

    late.refresh_from_db()
    assert late.standing == Standing.SUPERSEDED
    assert late.history.latest().history_user == other_leader
    assert RevisionNote.objects.get(revision=submitted).replay_summary["superseded"] == 1


def test_a_change_edited_after_it_was_opened_is_not_approved(
    client, other_leader, policy, submitted
):
    client.force_login(other_leader)
    edited = changed(policy, paths=staff_may_refund(80))
    edited.pending_revision_note = {"summary": "Edited again.", "kind": ChangeKind.SUBSTANTIVE}
    edited = edited.save_revision(user=policy.owner)

    response = client.post(
        reverse("approvals:approve", args=[policy.pk]), {"revision": submitted.pk}, follow=True
    )

    assert "This change was edited after you opened it." in text_of(response)
    assert PolicyPage.objects.get(pk=policy.pk).live_revision_id not in (submitted.pk, edited.pk)


def test_requesting_changes_needs_a_comment_and_keeps_the_version_in_force(
    client, other_leader, policy, submitted
):
    client.force_login(other_leader)
    url = reverse("approvals:request_changes", args=[policy.pk])

    empty = client.post(url, {"revision": submitted.pk, "comment": "  "})
    assert empty.status_code == 400
    assert "Tell the owner what to change: they read this." in text_of(empty)

    client.post(url, {"revision": submitted.pk, "comment": "Say which stores this covers."})

    state = PolicyPage.objects.get(pk=policy.pk).current_workflow_state
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Say which stores this covers."
    assert PolicyPage.objects.get(pk=policy.pk).live_revision_id != submitted.pk


def test_approving_in_the_admin_keeps_what_the_approver_saw_too(
    client, other_leader, policy, submitted
):
    client.force_login(other_leader)
    task_state = PolicyPage.objects.get(pk=policy.pk).current_workflow_state.current_task_state

    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[policy.pk, "approve", task_state.pk]),
        {"comment": "Approved from the dashboard."},
    )

    note = RevisionNote.objects.get(revision=submitted)
    assert PolicyPage.objects.get(pk=policy.pk).live_revision_id == submitted.pk
    assert note.approver_comment == "Approved from the dashboard."
    assert note.replay_summary["decided_sooner"] == 1


def test_leadership_sees_on_the_home_page_how_many_changes_wait(client, leader, submitted):
    client.force_login(leader)

    home = text_of(client.get("/"))

    assert "1 policy change waiting for approval" in home


def test_the_owner_sees_the_change_awaiting_approval_on_the_policy_page(
    client, owner, staff, policy, submitted
):
    client.force_login(owner)
    submitted_at = PolicyPage.objects.get(pk=policy.pk).current_workflow_state.created_at
    submitted_on = timezone.localdate(submitted_at)

    page = text_of(client.get(policy.url))

    assert f"A change is awaiting approval (submitted {submitted_on:%-d %B %Y})" in page
    client.force_login(staff)
    assert "A change is awaiting approval" not in text_of(client.get(policy.url))


def test_the_editor_links_to_the_change_and_its_replay(client, owner, policy, submitted):
    client.force_login(owner)

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[policy.pk]))

    assert reverse("approvals:review", args=[policy.pk]) in editor.content.decode()
    replay = client.get(reverse("approvals:review", args=[policy.pk]))
    assert "Escalations the recorder could have decided: 1" in text_of(replay)


@pytest.mark.parametrize("role", ["staff", "supervisor", "owner", "outsider"])
@pytest.mark.parametrize("answer", ["approvals:approve", "approvals:request_changes"])
def test_only_those_who_approve_changes_may_answer_one(
    client, request, policy, submitted, role, answer
):
    client.force_login(request.getfixturevalue(role))

    response = client.post(
        reverse(answer, args=[policy.pk]), {"revision": submitted.pk, "comment": "Fine."}
    )

    assert response.status_code == 403
    assert PolicyPage.objects.get(pk=policy.pk).current_workflow_state.status == "in_progress"
