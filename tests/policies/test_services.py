"""Writes to policies outside the editor: submitting, approving and rejecting changes,
signing the version read, and recording a review without a new version."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision, TaskState, WorkflowState

from policies.choices import ChangeKind
from policies.models import PolicyAcknowledgement, PolicyPage, SignableVersion, add_months
from policies.selectors import policies_to_acknowledge, signers
from policies.services import (
    REVIEWED_ACTION,
    acknowledge_policy,
    approve_policy_revision,
    record_review,
    refresh_signable_versions,
    reject_policy_revision,
    submit_policy_revision,
)
from policies.signatures import acknowledgement_status
from tests.clock import clock_at, local_time
from tests.policies.factories import PolicyPageFactory, publish_version
from tests.policies.signing import sign, titles, version_to_sign
from tests.reading import words_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_policy(policy, owner):
    policy.summary = "Returns within 60 days."
    submit_policy_revision(
        policy=policy, author=owner, summary="Double the window.", kind=ChangeKind.SUBSTANTIVE
    )
    return policy


def test_leadership_sends_a_submission_back_and_the_live_version_stays(leader, submitted_policy):
    live_before = submitted_policy.live_revision

    rejected = reject_policy_revision(
        policy=submitted_policy, reviewer=leader, comment="Show the cases behind it first."
    )

    submitted_policy.refresh_from_db()
    assert submitted_policy.live_revision == live_before
    assert submitted_policy.summary == "Unused items can be returned within 30 days."
    assert submitted_policy.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state = TaskState.objects.get(revision=rejected)
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.finished_by == leader
    assert task_state.comment == "Show the cases behind it first."


def test_a_change_sent_back_is_resubmitted_to_the_same_approval(owner, leader, submitted_policy):
    reject_policy_revision(policy=submitted_policy, reviewer=leader, comment="Cite the cases.")
    sent_back = submitted_policy.current_workflow_state
    submitted_policy.summary = "Returns within 45 days."

    resubmitted = submit_policy_revision(
        policy=submitted_policy, author=owner, summary="45 days.", kind=ChangeKind.SUBSTANTIVE
    )

    state = PolicyPage.objects.get(pk=submitted_policy.pk).current_workflow_state
    assert (state.pk, state.status) == (sent_back.pk, WorkflowState.STATUS_IN_PROGRESS)
    assert state.current_task_state.revision == resubmitted
    assert resubmitted.policy_note.summary == "45 days."


def test_a_submission_without_a_summary_is_refused(owner, policy):
    with pytest.raises(ValidationError, match="Say what changed and why"):
        submit_policy_revision(policy=policy, author=owner, summary=" ", kind=ChangeKind.EDITORIAL)

    assert not PolicyPage.objects.get(pk=policy.pk).workflow_in_progress


def test_an_owner_cannot_reject_a_submission(owner, submitted_policy):
    with pytest.raises(PermissionDenied):
        reject_policy_revision(policy=submitted_policy, reviewer=owner, comment="No.")

    assert submitted_policy.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_rejecting_needs_a_submission_waiting_for_approval(leader, policy):
    with pytest.raises(ValueError, match="no submission waiting for approval"):
        reject_policy_revision(policy=policy, reviewer=leader, comment="Nothing to reject.")


def test_a_reader_signs_the_current_version_once(policy, staff):
    assert titles(policies_to_acknowledge(user=staff)) == ["Returns within 30 days"]

    first = sign(policy, staff)
    again = sign(policy, staff)

    assert first == again
    assert first.revision_id == policy.live_revision_id
    assert PolicyAcknowledgement.objects.count() == 1
    assert list(policies_to_acknowledge(user=staff)) == []
    assert acknowledgement_status(policy=policy, user=staff)["signed"] == first


def test_signing_a_version_replaced_meanwhile_is_refused(policy, staff, leader):
    read = acknowledgement_status(policy=policy, user=staff)["version_to_sign"].revision.pk
    publish_version(policy, kind=ChangeKind.SUBSTANTIVE, summary="New limits.", approver=leader)

    with pytest.raises(ValidationError, match="changed while you were reading"):
        acknowledge_policy(policy=policy, user=staff, revision_id=read)
    assert not PolicyAcknowledgement.objects.exists()


def test_only_staff_and_supervisors_sign(policy, staff, supervisor, owner, leader):
    assert set(signers().values_list("username", flat=True)) == {"staff", "supervisor"}
    with pytest.raises(PermissionDenied):
        sign(policy, owner)
    with pytest.raises(PermissionDenied):
        sign(policy, leader)


def test_versions_written_in_bulk_are_read_back_from_the_audit_log(policy, leader, area, owner):
    other = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Gift cards")
    publish_version(policy, approver=leader, kind=ChangeKind.SUBSTANTIVE)
    publish_version(policy, approver=leader, kind=ChangeKind.EDITORIAL)
    kept = {pk: version_to_sign(pk) for pk in (policy.pk, other.pk)}
    SignableVersion.objects.all().delete()

    refresh_signable_versions(policy_ids=[policy.pk, other.pk])

    assert {pk: version_to_sign(pk) for pk in (policy.pk, other.pk)} == kept


def test_a_review_moves_the_date_forward_without_a_new_version(policy, owner):
    revisions_before = Revision.objects.count()
    latest_before = policy.latest_revision_id

    next_due = record_review(policy=policy, user=owner, note="Still matches the warehouse rules.")

    policy.refresh_from_db()
    expected = add_months(timezone.localdate(), 12)
    assert next_due == expected
    assert policy.next_review_due == expected
    assert Revision.objects.count() == revisions_before
    assert policy.latest_revision_id == latest_before
    assert not policy.has_unpublished_changes
    assert policy.live_revision.as_object().next_review_due == expected


def stored_revisions() -> list[tuple]:
    """Every revision row exactly as the database holds it, content as stored text."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, CAST(content AS TEXT), created_at, approved_go_live_at "
            "FROM wagtailcore_revision ORDER BY id"
        )
        return cursor.fetchall()


def test_a_review_leaves_every_stored_revision_byte_for_byte_unchanged(policy, owner, leader):
    publish_version(policy, approver=leader, summary="Plainer words.", kind=ChangeKind.EDITORIAL)
    draft = PolicyPage.objects.get(pk=policy.pk)
    draft.summary = "Unused items can be returned within 30 days, with the receipt."
    submit_policy_revision(
        policy=draft, author=owner, summary="Receipt wording.", kind=ChangeKind.EDITORIAL
    )
    before = stored_revisions()

    record_review(policy=PolicyPage.objects.get(pk=policy.pk), user=owner, note="Still right.")

    assert len(before) == 3
    assert stored_revisions() == before


def test_the_review_is_logged_with_who_when_and_the_note(policy, owner):
    first_due = policy.next_review_due

    record_review(policy=policy, user=owner, note="Still matches the warehouse rules.")

    entry = PageLogEntry.objects.get(page=policy, action=REVIEWED_ACTION)
    expected = add_months(timezone.localdate(), 12)
    assert entry.user == owner
    assert timezone.now() - entry.timestamp < datetime.timedelta(minutes=1)
    assert entry.revision_id == policy.live_revision_id
    assert entry.data["note"] == "Still matches the warehouse rules."
    assert entry.data["previous_due"] == first_due.isoformat()
    assert entry.message == f"Reviewed, still valid. Next review due {expected:%-d %B %Y}."
    assert entry.comment == "Still matches the warehouse rules."


def test_a_draft_saved_before_the_review_does_not_undo_it_when_published(policy, owner, leader):
    draft = PolicyPage.objects.get(pk=policy.pk)
    draft.summary = "Unused items can be returned within 30 days, with the receipt."
    submit_policy_revision(
        policy=draft, author=owner, summary="Receipt wording.", kind=ChangeKind.EDITORIAL
    )
    with clock_at(timezone.now() + datetime.timedelta(days=40)):
        next_due = record_review(policy=PolicyPage.objects.get(pk=policy.pk), user=owner)
        approve_policy_revision(policy=PolicyPage.objects.get(pk=policy.pk), approver=leader)

    published = PolicyPage.objects.get(pk=policy.pk)
    assert published.summary == "Unused items can be returned within 30 days, with the receipt."
    assert published.next_review_due == next_due


def test_the_as_of_page_shows_what_was_published_that_day_not_a_later_review(
    client, area, owner, leader, staff
):
    with clock_at(local_time(2026, 1, 15, 10, 0)):
        policy = PolicyPageFactory(area=area, owner=owner, approver=leader)
    with clock_at(local_time(2026, 4, 1, 10, 0)):
        publish_version(
            policy, approver=leader, summary="Wider.", scope="Online and in-store orders."
        )
    with clock_at(local_time(2026, 5, 20, 10, 0)):
        next_due = record_review(policy=PolicyPage.objects.get(pk=policy.pk), user=owner)
    client.force_login(staff)

    words = words_on(client.get(f"{policy.url}as-of/2026-02-01/").content)

    assert "You are reading version 1" in words
    assert "All online orders." in words
    assert "in-store" not in words
    assert "Next review" not in words
    assert f"{next_due:%-d %B %Y}" not in words
