"""Reads of a policy's published versions: its history, and two versions side by side.

A version counts as published when Wagtail's audit log says so: a "wagtail.publish"
entry (or "wagtail.publish.scheduled", for a scheduled go-live) that points at the
revision. Its first such entry is when it went live, and version 1 is the first
revision that went live. Drafts and submissions that leadership rejected never get
such an entry, so they never appear here.
"""

import datetime
from dataclasses import dataclass, replace

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, QuerySet, Subquery, Window, prefetch_related_objects
from django.db.models.expressions import BaseExpression
from django.db.models.functions import Lag, RowNumber
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from .comparison import SectionChange, compare_policies

PUBLISH_ACTIONS = ["wagtail.publish", "wagtail.publish.scheduled"]
UNPUBLISH_ACTIONS = ["wagtail.unpublish", "wagtail.unpublish.scheduled"]
VERSIONS_PER_PAGE = 20


@dataclass(frozen=True)
class PublishedVersion:
    """One published version of a policy: its number, its revision and who made it live.

    `approved_by` is None until its approvals are read (with_approvers), then a
    tuple: empty for a version published without approval.
    """

    number: int
    revision: Revision
    went_live_at: datetime.datetime
    published_by: AbstractBaseUser | None
    previous_went_live_at: datetime.datetime | None = None
    approved_by: tuple[AbstractBaseUser | None, ...] | None = None

    @property
    def note(self):
        """The version's RevisionNote, or None when it was published without one."""
        return getattr(self.revision, "policy_note", None)

    @property
    def policy_id(self) -> int:
        return int(self.revision.object_id)


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
        publications_of(policy_ids=[policy.pk])
        .defer("revision__content")
        .order_by("-timestamp", "-pk")
    )
    versions = Paginator(publications, VERSIONS_PER_PAGE).get_page(page_number)
    versions.object_list = with_approvers([version_from(entry) for entry in versions.object_list])
    prefetch_related_objects(
        [version.note for version in versions.object_list if version.note], "driven_by"
    )
    return versions


def published_versions(*, policy: Page) -> list[PublishedVersion]:
    """Every published version of the policy, oldest first, their approvals not read."""
    return [
        version_from(entry)
        for entry in publications_of(policy_ids=[policy.pk])
        .defer("revision__content")
        .order_by("timestamp", "pk")
    ]


def published_version(*, policy: Page, number: int) -> PublishedVersion | None:
    """Published version `number` of the policy, with who approved it; None when unknown."""
    entries = publications_of(policy_ids=[policy.pk]).filter(number=number)
    return next(iter(with_approvers([version_from(entry) for entry in entries])), None)


def with_approvers(versions: list[PublishedVersion]) -> list[PublishedVersion]:
    """The versions, in their order, each with who approved it.

    One query for the approvals of them all, of one policy or of several.
    """
    if not versions:
        return []
    went_live_before = [
        version.previous_went_live_at
        for version in versions
        if version.previous_went_live_at is not None
    ]
    approvals = _approvals_between(
        policy_ids=sorted({version.policy_id for version in versions}),
        # Unbounded when one of them is a policy's first version.
        after=min(went_live_before) if len(went_live_before) == len(versions) else None,
        until=max(version.went_live_at for version in versions),
    )
    return [
        replace(
            version,
            approved_by=tuple(
                approval.finished_by
                for approval in approvals
                if _approved_for(approval, version=version)
            ),
        )
        for version in versions
    ]


def version_comparison(*, policy: Page, older: int, newer: int) -> VersionComparison | None:
    """Compare published versions `older` and `newer` by number; None when either is unknown."""
    entries = {
        entry.number: entry
        for entry in publications_of(policy_ids=[policy.pk]).filter(number__in=[older, newer])
    }
    if older not in entries or newer not in entries:
        return None
    versions_since_older = (
        publications_of(policy_ids=[policy.pk])
        .defer("revision__content")
        .filter(number__gt=min(older, newer), number__lte=max(older, newer))
        .order_by("timestamp", "pk")
    )
    return VersionComparison(
        older=version_from(entries[older]),
        newer=version_from(entries[newer]),
        sections=compare_policies(
            old=policy.with_content_json(entries[older].revision.content),
            new=policy.with_content_json(entries[newer].revision.content),
        ),
        versions_since_older=[version_from(entry) for entry in versions_since_older],
    )


def as_published(*, policy: Page, version: PublishedVersion) -> Page:
    """Return the policy exactly as `version` published it, for rendering with its template.

    It keeps the address the policy has today, so its links still lead somewhere
    even if a later version changed the slug, and it carries `version`, so the
    page says which version it is.
    """
    page = policy.with_content_json(version.revision.content)
    page.url_path = policy.url_path
    page.shown_version = version
    return page


def publications_of(*, policy_ids: list[int]) -> QuerySet[PageLogEntry]:
    """Each published revision's first publish entry, numbered per policy from 1 in the order
    they went live.

    `previous_went_live_at` is when the version before it went live (None for version 1).
    """
    publish_entries = PageLogEntry.objects.filter(
        page_id__in=policy_ids, action__in=PUBLISH_ACTIONS
    )
    first_entry_of_its_revision = (
        publish_entries.filter(revision=OuterRef("revision"))
        .order_by("timestamp", "pk")
        .values("pk")[:1]
    )
    return (
        # A purged revision leaves its log entries behind (the log has no database
        # constraint), so only entries whose revision still exists count.
        publish_entries.filter(
            revision__created_at__isnull=False, pk=Subquery(first_entry_of_its_revision)
        )
        .annotate(
            number=_in_order_of_going_live(RowNumber()),
            previous_went_live_at=_in_order_of_going_live(Lag("timestamp")),
        )
        .select_related("user", "revision__user", "revision__policy_note")
    )


def _in_order_of_going_live(expression: BaseExpression) -> Window:
    """`expression` over each page's publish entries, in the order they went live."""
    return Window(
        expression,
        partition_by=[F("page_id")],
        order_by=[F("timestamp").asc(), F("pk").asc()],
    )


def _approvals_between(
    *, policy_ids: list[int], after: datetime.datetime | None, until: datetime.datetime
) -> list[TaskState]:
    """Approved tasks of the policies' approved workflows that finished in (after, until]."""
    approvals = TaskState.objects.filter(
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id__in=[str(pk) for pk in policy_ids],
        workflow_state__status=WorkflowState.STATUS_APPROVED,
        status=TaskState.STATUS_APPROVED,
        finished_at__lte=until,
    )
    if after is not None:
        approvals = approvals.filter(finished_at__gt=after)
    return list(
        approvals.select_related("finished_by", "workflow_state").order_by("finished_at", "pk")
    )


def _approved_for(approval: TaskState, *, version: PublishedVersion) -> bool:
    """Whether `approval` led to `version` going live.

    A workflow's final approval publishes the latest revision, which may be newer than
    the one the task was started on (leadership can approve with changes). So an
    approval belongs to the version that went live next: after the version before it,
    at or before this one.
    """
    after_previous = (
        version.previous_went_live_at is None
        or approval.finished_at > version.previous_went_live_at
    )
    return (
        approval.workflow_state.object_id == str(version.policy_id)
        and after_previous
        and approval.finished_at <= version.went_live_at
    )


def version_from(entry: PageLogEntry) -> PublishedVersion:
    """The version a numbered publication (publications_of) made live; approvals not read."""
    return PublishedVersion(
        number=entry.number,
        revision=entry.revision,
        went_live_at=entry.timestamp,
        published_by=entry.user,
        previous_went_live_at=entry.previous_went_live_at,
    )


def publication_timelines(
    *, policy_ids: list[int], until: datetime.date | None = None
) -> dict[int, list[tuple[datetime.date, int | None]]]:
    """Each policy's publish log, oldest first: (day, the revision live from then on, or
    None when the policy was unpublished), up to the day `until` when given. One query."""
    changes = PageLogEntry.objects.filter(
        page_id__in=policy_ids, action__in=PUBLISH_ACTIONS + UNPUBLISH_ACTIONS
    )
    if until is not None:
        changes = changes.filter(timestamp__date__lte=until)
    timelines: dict[int, list[tuple[datetime.date, int | None]]] = {}
    for page_id, action, revision_id, timestamp in changes.order_by("timestamp", "pk").values_list(
        "page_id", "action", "revision_id", "timestamp"
    ):
        live = None if action in UNPUBLISH_ACTIONS else revision_id
        timelines.setdefault(page_id, []).append((timezone.localdate(timestamp), live))
    return timelines


def revision_in_force_on(
    timeline: list[tuple[datetime.date, int | None]], *, day: datetime.date
) -> int | None:
    """The revision a publication timeline had live at the end of `day`, or None."""
    live = None
    for changed_on, revision_id in timeline:
        if changed_on > day:
            break
        live = revision_id
    return live
