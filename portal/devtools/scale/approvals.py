"""The approval of every version the PolicyWriter wrote, as Wagtail's workflow leaves it.

Each version gets its change note, a finished WorkflowState and TaskState
approved by a leader, and the log entries edit, workflow start, workflow
approve and publish, dated when its owner submitted it and when it went live.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, Subquery
from wagtail.models import (
    GroupApprovalTask,
    PageLogEntry,
    Revision,
    TaskState,
    Workflow,
    WorkflowState,
)

from policies.models import RevisionNote
from portal.structure import APPROVAL_TASK_NAME, WORKFLOW_NAME

from .publishing import BATCH, PolicyWriter

APPROVED = "approved"


def write_approvals(policies: PolicyWriter) -> None:
    """The note, the finished workflow and the log entries of every version."""
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = GroupApprovalTask.objects.get(name=APPROVAL_TASK_NAME)
    task_state_type = ContentType.objects.get_for_model(TaskState)
    entries = []
    for plan, page, revisions in zip(
        policies.plans, policies.pages, policies.revisions, strict=True
    ):
        owner = policies.owner(plan)
        for version, revision in zip(plan.versions, revisions, strict=True):
            approver = policies.rng.choice(policies.workforce.leaders)
            entries.append((plan, page, owner, approver, version, revision))
    states = WorkflowState.objects.bulk_create(
        [
            WorkflowState(
                content_type=policies.policy_type,
                base_content_type=policies.page_type,
                object_id=str(page.pk),
                workflow=workflow,
                status=APPROVED,
                requested_by=owner,
            )
            for _plan, page, owner, _approver, _version, _revision in entries
        ],
        batch_size=BATCH,
    )
    tasks = TaskState.objects.bulk_create(
        [
            TaskState(
                content_type=task_state_type,
                revision=revision,
                task=task,
                workflow_state=state,
                status=APPROVED,
                finished_at=version.published_at,
                finished_by=approver,
                comment="",
            )
            for (_p, _page, _o, approver, version, revision), state in zip(
                entries, states, strict=True
            )
        ],
        batch_size=BATCH,
    )
    RevisionNote.objects.bulk_create(
        [
            RevisionNote(revision=revision, summary=version.summary, kind=version.kind)
            for _plan, _page, _owner, _approver, version, revision in entries
        ],
        batch_size=BATCH,
    )
    _date_approvals([revision.pk for *_rest, revision in entries])
    PageLogEntry.objects.bulk_create(
        _log_entries(policies, workflow=workflow, task=task, entries=entries, tasks=tasks),
        batch_size=BATCH,
    )


def _date_approvals(revision_ids: list[int]) -> None:
    """Date each workflow, task and note when its revision was submitted, not "now".

    Their dates are set on insert (auto_now_add); one UPDATE per table sets
    them from the revision, and points each workflow at its finished task.
    """
    submitted = Subquery(
        Revision.objects.filter(pk=OuterRef("revision_id")).values("created_at")[:1]
    )
    TaskState.objects.filter(revision_id__in=revision_ids).update(started_at=submitted)
    RevisionNote.objects.filter(revision_id__in=revision_ids).update(created_at=submitted)
    tasks = TaskState.objects.filter(revision_id__in=revision_ids)
    own_task = TaskState.objects.filter(workflow_state=OuterRef("pk"))
    WorkflowState.objects.filter(pk__in=tasks.values("workflow_state")).update(
        current_task_state=Subquery(own_task.values("pk")[:1]),
        created_at=Subquery(own_task.values("started_at")[:1]),
    )


def _log_entries(policies: PolicyWriter, *, workflow, task, entries, tasks) -> list[PageLogEntry]:
    logs = []
    created = set()
    for (plan, page, owner, approver, version, revision), task_state in zip(
        entries, tasks, strict=True
    ):
        common = {"page_id": page.pk, "content_type": policies.policy_type, "label": plan.title}
        submitted, published = version.submitted_at, version.published_at
        if page.pk not in created:
            created.add(page.pk)
            logs.append(
                PageLogEntry(action="wagtail.create", user=owner, timestamp=submitted, **common)
            )
        flow = {"id": workflow.pk, "title": workflow.name, "task_state_id": task_state.pk}
        logs += [
            PageLogEntry(
                action="wagtail.edit",
                user=owner,
                revision=revision,
                timestamp=submitted,
                content_changed=True,
                **common,
            ),
            PageLogEntry(
                action="wagtail.workflow.start",
                user=owner,
                revision=revision,
                timestamp=submitted,
                data={
                    "workflow": {
                        **flow,
                        "next": {"id": task.pk, "title": task.name},
                        "status": "in_progress",
                    }
                },
                **common,
            ),
            PageLogEntry(
                action="wagtail.workflow.approve",
                user=approver,
                revision=revision,
                timestamp=published,
                data={
                    "comment": "",
                    "workflow": {
                        **flow,
                        "next": None,
                        "task": {"id": task.pk, "title": task.name},
                        "status": APPROVED,
                    },
                },
                **common,
            ),
            PageLogEntry(
                action="wagtail.publish",
                user=approver,
                revision=revision,
                timestamp=published,
                content_changed=True,
                **common,
            ),
        ]
    return logs
