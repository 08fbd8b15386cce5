"""Reads for approving policy changes: what waits, and what one change would do.

A change is the policy's latest revision when it is newer than the version in force:
that is the revision Wagtail publishes when its approval workflow finishes.
"""

from dataclasses import dataclass, field

from django.db.models import prefetch_related_objects
from django.utils import timezone
from wagtail.models import Revision, WorkflowState

from exceptions.models import Precedent
from exceptions.replay import Replay, ReplayGroup
from exceptions.selectors import kept_replay
from policies.comparison import SectionChange, compare_policies
from policies.models import PolicyPage, RevisionNote
from policies.selectors import submissions_waiting

# Each group of a replay lists this many of its cases, newest first.
CASES_SHOWN_PER_GROUP = 25


@dataclass
class Change:
    """A policy's unpublished change: its revision and note, where it stands in its
    workflow (None for a draft never submitted) and its replay over past cases."""

    policy: PolicyPage
    revision: Revision
    workflow_state: WorkflowState | None
    replay: Replay
    note: RevisionNote | None = None

    @property
    def submitted_at(self):
        return None if self.workflow_state is None else self.workflow_state.created_at


@dataclass
class ReplayedGroup:
    """One group of a replay as a page shows it: how many cases, and the newest of them."""

    group: ReplayGroup
    total: int
    cases: list[Precedent] = field(default_factory=list)


def changes_waiting(states: list[WorkflowState]) -> list[Change]:
    """The changes `states` wait on (one page of submissions_waiting), in their order.

    A fixed number of queries for the page, whatever its length: the policies with
    their latest revisions and notes, the cited cases, and one look at whether any
    case changed; each replay is kept until one does (kept_replay).
    """
    policies = PolicyPage.objects.select_related(
        "owner", "latest_revision__user", "latest_revision__policy_note"
    ).in_bulk([int(state.object_id) for state in states])
    notes = [
        note
        for policy in policies.values()
        if (note := getattr(policy.latest_revision, "policy_note", None)) is not None
    ]
    prefetch_related_objects(notes, "driven_by")
    now = timezone.now()
    return [
        Change(
            policy=policy,
            revision=policy.latest_revision,
            workflow_state=state,
            note=getattr(policy.latest_revision, "policy_note", None),
            replay=kept_replay(revision=policy.latest_revision, now=now),
        )
        for state in states
        if (policy := policies.get(int(state.object_id))) is not None
    ]


def waiting_count() -> int:
    return submissions_waiting().count()


def change_of(policy: PolicyPage) -> Change | None:
    """The policy's unpublished change, or None when its latest revision is in force."""
    revision = policy.latest_revision
    if revision is None or revision.pk == policy.live_revision_id:
        return None
    state = policy.current_workflow_state
    return Change(
        policy=policy,
        revision=revision,
        workflow_state=state,
        note=RevisionNote.objects.filter(revision=revision).first(),
        replay=kept_replay(revision=revision),
    )


def section_changes(change: Change) -> list[SectionChange] | None:
    """What the change alters in the version in force; None for a policy never published."""
    if change.policy.live_revision is None:
        return None
    return compare_policies(
        old=change.policy.with_content_json(change.policy.live_revision.content),
        new=change.revision.as_object(),
    )


def replayed_groups(replay: Replay) -> list[ReplayedGroup]:
    """Each group of the replay with its newest cases, read in one query."""
    shown = {group: ids[:CASES_SHOWN_PER_GROUP] for group, ids in replay.cases.items()}
    cases = Precedent.objects.select_related("recorded_by", "decided_by").in_bulk(
        [pk for ids in shown.values() for pk in ids]
    )
    return [
        ReplayedGroup(
            group=group,
            total=len(replay.cases[group.value]),
            cases=[cases[pk] for pk in shown[group.value] if pk in cases],
        )
        for group in ReplayGroup
    ]


def cited_cases(note: RevisionNote | None) -> list[Precedent]:
    return [] if note is None else list(note.driven_by.order_by("-recorded_at", "-pk"))
