"""Reads of a policy's published versions: its history, two versions side by side, the one in force.

A version counts as published when Wagtail's audit log says so: a "wagtail.publish"
entry (or "wagtail.publish.scheduled", for a scheduled go-live) that points at the
revision. Its first such entry is when it went live, and version 1 is the first
revision that went live. Drafts and submissions that leadership rejected never get
such an entry, so they never appear here.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, QuerySet, Subquery, Window, prefetch_related_objects
from django.db.models.functions import Lag, RowNumber
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from .comparison import SectionChange, compare_policies

PUBLISH_ACTIONS = ["wagtail.publish", "wagtail.publish.scheduled"]
UNPUBLISH_ACTIONS = ["wagtail.unpublish", "wagtail.unpublish.scheduled"]
VERSIONS_PER_PAGE = 20


@dataclass(frozen=True)
class PublishedVersion:
    """One published version of a policy: its number, its revision and who made it live."""

    number: int
    revision: Revision
    went_live_at: datetime.datetime
    published_by: AbstractBaseUser | None
    approved_by: tuple[AbstractBaseUser | None, ...] = ()

    @property
    def note(self):
        """The version's RevisionNote, or None when it was published without one."""
        return getattr(self.revision, "policy_note", None)


@dataclass(frozen=True)
class VersionComparison:
    """Two published versions, what changed between them, and the versions in between."""

    older: PublishedVersion
    newer: PublishedVersion
    sections: list[SectionChange]
    versions_since_older: list[PublishedVersion]


def policy_history(*, policy: Page, page_number: str | int | None) -> PaginatorPage:
    """Return one page of the policy's published versions, newest first, with their approvers.

    The page costs three queries however many versions the policy has.
    """
    publications = (
        _publications(policy=policy).defer("revision__content").order_by("-timestamp", "-pk")
    )
    versions = Paginator(publications, VERSIONS_PER_PAGE).get_page(page_number)
    entries = list(versions.object_list)
    approvals = _approvals(
        policy=policy,
        after=None if not entries else entries[-1].previous_went_live_at,
        until=None if not entries else entries[0].timestamp,
    )
    versions.object_list = [
        _version(
            entry,
            approved_by=tuple(
                approval.finished_by
                for approval in approvals
                if _approved_for(approval, entry=entry)
            ),
        )
        for entry in entries
    ]
    prefetch_related_objects(
        [version.note for version in versions.object_list if version.note], "driven_by"
    )
    return versions


def published_versions(*, policy: Page) -> list[PublishedVersion]:
    """Every published version of the policy, oldest first, without their approvers."""
    return [
        _version(entry)
        for entry in _publications(policy=policy)
        .defer("revision__content")
        .order_by("timestamp", "pk")
    ]


def version_comparison(*, policy: Page, older: int, newer: int) -> VersionComparison | None:
    """Compare published versions `older` and `newer` by number; None when either is unknown."""
    entries = {
        entry.number: entry
        for entry in _publications(policy=policy).filter(number__in=[older, newer])
    }
    if older not in entries or newer not in entries:
        return None
    versions_since_older = (
        _publications(policy=policy)
        .defer("revision__content")
        .filter(number__gt=min(older, newer), number__lte=max(older, newer))
        .order_by("timestamp", "pk")
    )
    return VersionComparison(
        older=_version(entries[older]),
        newer=_version(entries[newer]),
        sections=compare_policies(
            old=policy.with_content_json(entries[older].revision.content),
            new=policy.with_content_json(entries[newer].revision.content),
        ),
        versions_since_older=[_version(entry) for entry in versions_since_older],
    )


def version_in_force(*, policy: Page, day: datetime.date) -> PublishedVersion | None:
    """Return the version in force at the end of `day` (in the portal's time zone).

    On the day a version went live, that version counts. Returns None before the
    first version went live, and while the policy was unpublished.
    """
    last_change = (
        PageLogEntry.objects.filter(
            page_id=policy.pk,
            action__in=PUBLISH_ACTIONS + UNPUBLISH_ACTIONS,
            timestamp__date__lte=day,
        )
        .order_by("-timestamp", "-pk")
        .first()
    )
    if last_change is None or last_change.action in UNPUBLISH_ACTIONS:
        return None
    # Leaving out later versions keeps the numbering: they are all counted after these.
    entry = (
        _publications(policy=policy)
        .filter(timestamp__date__lte=day)
        .order_by("-timestamp", "-pk")
        .first()
    )
    return None if entry is None else _version(entry)


def as_published(*, policy: Page, version: PublishedVersion) -> Page:
    """Return the policy exactly as `version` published it, for rendering with its template.

    It keeps the address the policy has today, so its links still lead somewhere
    even if a later version changed the slug.
    """
    page = policy.with_content_json(version.revision.content)
    page.url_path = policy.url_path
    return page


def _publications(*, policy: Page) -> QuerySet[PageLogEntry]:
    """Each published revision's first publish entry, numbered from 1 in the order they went live.

    `previous_went_live_at` is when the version before it went live (None for version 1).
    """
    publish_entries = PageLogEntry.objects.filter(page_id=policy.pk, action__in=PUBLISH_ACTIONS)
    first_entry_of_its_revision = (
        publish_entries.filter(revision=OuterRef("revision"))
        .order_by("timestamp", "pk")
        .values("pk")[:1]
    )
    in_order_of_going_live = [F("timestamp").asc(), F("pk").asc()]
    return (
        # A purged revision leaves its log entries behind (the log has no database
        # constraint), so only entries whose revision still exists count.
        publish_entries.filter(
            revision__created_at__isnull=False, pk=Subquery(first_entry_of_its_revision)
        )
        .annotate(
            number=Window(RowNumber(), order_by=in_order_of_going_live),
            previous_went_live_at=Window(Lag("timestamp"), order_by=in_order_of_going_live),
        )
        .select_related("user", "revision__user", "revision__policy_note")
    )


def _approvals(
    *, policy: Page, after: datetime.datetime | None, until: datetime.datetime | None
) -> list[TaskState]:
    """Approved tasks of the policy's approved workflows that finished in (after, until]."""
    if until is None:
        return []
    approvals = TaskState.objects.filter(
        workflow_state__base_content_type=policy.get_base_content_type(),
        workflow_state__object_id=str(policy.pk),
        workflow_state__status=WorkflowState.STATUS_APPROVED,
        status=TaskState.STATUS_APPROVED,
        finished_at__lte=until,
    )
    if after is not None:
        approvals = approvals.filter(finished_at__gt=after)
    return list(approvals.select_related("finished_by").order_by("finished_at", "pk"))


def _approved_for(approval: TaskState, *, entry: PageLogEntry) -> bool:
    """Whether `approval` led to the publication `entry`.

    A workflow's final approval publishes the latest revision, which may be newer than
    the one the task was started on (leadership can approve with changes). So an
    approval belongs to the version that went live next: after the version before it,
    at or before this one.
    """
    after_previous = (
        entry.previous_went_live_at is None or approval.finished_at > entry.previous_went_live_at
    )
    return after_previous and approval.finished_at <= entry.timestamp


def _version(entry: PageLogEntry, *, approved_by=()) -> PublishedVersion:
    return PublishedVersion(
        number=entry.number,
        revision=entry.revision,
        went_live_at=entry.timestamp,
        published_by=entry.user,
        approved_by=approved_by,
    )
