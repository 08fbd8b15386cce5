"""Writes that change policies outside the admin editor: the same path the editor takes."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.models import Revision

from .choices import ChangeKind
from .models import PolicyPage


@transaction.atomic
def submit_policy_revision(
    *,
    policy: PolicyPage,
    author: AbstractBaseUser,
    summary: str,
    kind: ChangeKind,
    driven_by=(),
) -> Revision:
    """Save the policy as a new revision with its change note and submit it for approval.

    `driven_by` lists the precedent cases that drove the change; a substantive
    change that cites none records that no case drove it.
    """
    policy.pending_revision_note = {
        "summary": summary,
        "kind": kind,
        "driven_by": list(driven_by),
        "no_case_drove_it": kind == ChangeKind.SUBSTANTIVE and not driven_by,
    }
    revision = policy.save_revision(user=author, log_action=True)
    workflow = policy.get_workflow()
    if workflow is None:
        raise ValueError(f"No approval workflow applies to {policy.title!r}.")
    workflow.start(policy, author)
    return revision


@transaction.atomic
def approve_policy_revision(
    *, policy: PolicyPage, approver: AbstractBaseUser, comment: str = ""
) -> Revision:
    """Approve the policy's pending submission; the last task's approval publishes it."""
    return _decide_pending_task(policy=policy, user=approver, action="approve", comment=comment)


@transaction.atomic
def reject_policy_revision(
    *, policy: PolicyPage, reviewer: AbstractBaseUser, comment: str
) -> Revision:
    """Send the policy's pending submission back to its author; the live version stays."""
    return _decide_pending_task(policy=policy, user=reviewer, action="reject", comment=comment)


def _decide_pending_task(
    *, policy: PolicyPage, user: AbstractBaseUser, action: str, comment: str
) -> Revision:
    """Take `action` on the task the policy's submission waits on; return the submitted revision.

    The task itself says whether `user` may take the action, as in the admin.
    """
    task_state = policy.current_workflow_task_state
    if task_state is None:
        raise ValueError(f"{policy.title!r} has no submission waiting for approval.")
    task = task_state.task.specific
    if action not in {name for name, _label, _modal in task.get_actions(policy, user)}:
        raise PermissionDenied(f"{user} may not {action} changes to {policy.title!r}.")
    revision = task_state.revision
    task.on_action(task_state, user, action, comment=comment)
    return revision
