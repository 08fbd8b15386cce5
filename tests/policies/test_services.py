"""Writes to policies outside the editor: submitting, approving and rejecting changes."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import TaskState, WorkflowState

from policies.choices import ChangeKind
from policies.services import reject_policy_revision, submit_policy_revision

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


def test_an_owner_cannot_reject_a_submission(owner, submitted_policy):
    with pytest.raises(PermissionDenied):
        reject_policy_revision(policy=submitted_policy, reviewer=owner, comment="No.")

    assert submitted_policy.current_workflow_task_state.status == TaskState.STATUS_IN_PROGRESS


def test_rejecting_needs_a_submission_waiting_for_approval(leader, policy):
    with pytest.raises(ValueError, match="no submission waiting for approval"):
        reject_policy_revision(policy=policy, reviewer=leader, comment="Nothing to reject.")
