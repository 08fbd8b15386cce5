"""Reads of policies: which version is in force, what is left to sign, which reviews are due,
and where an owner's changes stand (a draft's note, changes sent back).

The policy page, its history, the acknowledgement coverage and the case pages
all say which version is in force; they all ask here, so they cannot disagree.
The facts (the version's number, the day it went live, who approved it) come
from Wagtail's publish log, as the history reads them (policies.history).

What a reader signs is the policy's latest *substantive* published revision. An
editorial revision (wording only) leaves existing signatures valid; a
substantive one asks everyone again, with its change note saying what changed
and why.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Length, Substr, Upper
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal import freshness
from portal.roles import people_with

from . import permissions
from .choices import ChangeKind
from .history import (
    PUBLISH_ACTIONS,
    PublishedVersion,
    publication_timelines,
    publications_of,
    published_versions,
    revision_in_force_on,
    version_from,
    with_approvers,
)
from .models import (
    ChangeFeedLink,
    PolicyAcknowledgement,
    PolicyIndexPage,
    PolicyPage,
    RevisionNote,
)

# The home page lists reviews falling due this soon, so owners can plan them.
REVIEW_DUE_SOON_DAYS = 30


def versions_in_force(
    *, policies: Iterable[PolicyPage], day: datetime.date | None = None
) -> dict[int, PublishedVersion]:
    """The version of each policy in force, by policy id, with who approved it.

    Without `day`, the version in force now: the one the live page shows. With
    `day`, the one in force at the end of that day in the portal's time zone
    (a version counts from the day it went live). A policy without one (not
    yet live, or unpublished then) is left out. Two queries, three with `day`,
    however many policies are asked about; the revisions' content is not read.
    """
    policies = list(policies)
    if day is None:
        revision_in_force = {
            policy.pk: policy.live_revision_id
            for policy in policies
            if policy.live and policy.live_revision_id
        }
    else:
        revision_in_force = _revisions_in_force_on(day, policy_ids=[p.pk for p in policies])
    if not revision_in_force:
        return {}
    in_force = [
        version_from(entry)
        for entry in publications_of(policy_ids=list(revision_in_force))
        .defer("revision__content")
        .order_by("page_id", "timestamp", "pk")
        if revision_in_force[entry.page_id] == entry.revision_id
    ]
    return {version.policy_id: version for version in with_approvers(in_force)}


def version_in_force(
    *,
    policy: PolicyPage,
    day: datetime.date | None = None,
    among: Iterable[PublishedVersion] = (),
) -> PublishedVersion | None:
    """The policy's version in force now, or at the end of `day`; None when it had none.

    A page that has already read some of the policy's versions passes them as
    `among`: when the version in force now is one of them, it is taken from there,
    and only its approvals are read if they were not.
    """
    if day is None and policy.live:
        for version in among:
            if version.revision.pk == policy.live_revision_id:
                return version if version.approved_by is not None else with_approvers([version])[0]
    return versions_in_force(policies=[policy], day=day).get(policy.pk)


def kept_versions(*, policy: PolicyPage):
    """The policy's published versions, oldest first, and the one in force now with who
    approved it (or None), as a pair: kept until a page or a person changes
    (portal.freshness). A version goes live only by being published, which renews the
    page tree's version."""
    scopes = freshness.versions_of(freshness.POLICIES, freshness.PEOPLE)
    key = f"policy-versions:{policy.pk}:{policy.live_revision_id}:{':'.join(scopes.values())}"

    def read():
        versions = published_versions(policy=policy)
        return versions, version_in_force(policy=policy, among=versions)

    return cache.get_or_set(key, read, settings.PORTAL_FRAGMENT_SECONDS)


def kept_version_in_force_on(*, policy: PolicyPage, day: datetime.date) -> PublishedVersion | None:
    """version_in_force on `day`, kept like kept_versions: a version goes live, and a policy
    is unpublished, only through the page tree, whose every change renews it."""
    scopes = freshness.versions_of(freshness.POLICIES, freshness.PEOPLE)
    key = f"policy-version-on:{policy.pk}:{day.isoformat()}:{':'.join(scopes.values())}"
    # In a tuple, so that "none in force then" is kept too.
    kept = cache.get_or_set(
        key,
        lambda: (version_in_force(policy=policy, day=day),),
        settings.PORTAL_FRAGMENT_SECONDS,
    )
    return kept[0] if kept else None


def kept_live_policy(pk: int) -> PolicyPage | None:
    """The live policy with this id, or None: kept until the page tree changes, as every
    save, publish, unpublish, move or deletion of a page renews it."""
    tree = freshness.versions_of(freshness.POLICIES)[freshness.POLICIES]
    return cache.get_or_set(
        f"live-policy:{pk}:{tree}",
        lambda: PolicyPage.objects.live().filter(pk=pk).first(),
        settings.PORTAL_FRAGMENT_SECONDS,
    )


def _revisions_in_force_on(day: datetime.date, *, policy_ids: list[int]) -> dict[int, int]:
    """The revision each policy had live at the end of `day`, read from the publish log."""
    in_force = {
        policy_id: revision_in_force_on(timeline, day=day)
        for policy_id, timeline in publication_timelines(policy_ids=policy_ids, until=day).items()
    }
    return {page_id: revision_id for page_id, revision_id in in_force.items() if revision_id}


def published_changes() -> QuerySet[PageLogEntry]:
    """Each time a policy version went live (with a change note), newest first."""
    return (
        PageLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(PolicyPage),
            action__in=PUBLISH_ACTIONS,
            revision__policy_note__isnull=False,
        )
        .select_related("page", "user", "revision__policy_note", "revision__user")
        .defer("revision__content")
        .prefetch_related("revision__policy_note__driven_by")
        .order_by("-timestamp", "-pk")
    )


def substantive_publications() -> QuerySet[PageLogEntry]:
    """Audit log entries of a substantive revision going live, newest first.

    The same test of "published" as the policy's history (policies.history):
    drafts and rejected submissions never appear, so neither asks for a signature.
    """
    return PageLogEntry.objects.filter(
        action__in=PUBLISH_ACTIONS, revision__policy_note__kind=ChangeKind.SUBSTANTIVE
    ).order_by("-timestamp", "-pk")


def signers() -> QuerySet:
    """Active people whose role asks them to sign policies (staff and supervisors).

    Administrators may sign too, but no role asks them to, so they are not counted.
    """
    return people_with(permissions.SIGN)


def policies_with_revision_to_sign() -> QuerySet[PolicyPage]:
    """Live policies with `revision_to_sign`, the id of the revision readers sign;
    those without one are left out."""
    return (
        PolicyPage.objects.live()
        .filter(signable_version__isnull=False)
        .annotate(revision_to_sign=F("signable_version__revision_id"))
    )


def policies_to_acknowledge(*, user) -> QuerySet[PolicyPage]:
    """Live policies whose current version the user has not signed, alphabetically.

    Each carries `signed_before` (they signed an earlier version, so this is a
    change to catch up on) and `change_summary`, the current version's note.
    """
    signed = PolicyAcknowledgement.objects.filter(user=user)
    return (
        policies_with_revision_to_sign()
        .exclude(Exists(signed.filter(revision_id=OuterRef("revision_to_sign"))))
        .annotate(
            signed_before=Exists(signed.filter(policy_id=OuterRef("pk"))),
            change_summary=Subquery(
                RevisionNote.objects.filter(revision_id=OuterRef("revision_to_sign")).values(
                    "summary"
                )[:1]
            ),
        )
        .order_by("title", "pk")
    )


def coverage_by_policy() -> QuerySet[PolicyPage]:
    """Live policies with how many current signers signed their version to sign.

    Each carries `revision_to_sign` and `signed`,
    alphabetically. Which version is in force is versions_in_force's to say.
    """
    signed = (
        PolicyAcknowledgement.objects.filter(
            revision_id=OuterRef("revision_to_sign"), user__in=signers()
        )
        .order_by()
        .values("revision_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        policies_with_revision_to_sign()
        .annotate(signed=Coalesce(Subquery(signed, output_field=IntegerField()), Value(0)))
        .order_by("title", "pk")
    )


def reviews_due(
    *, owner=None, on: datetime.date | None = None, within_days: int = REVIEW_DUE_SOON_DAYS
) -> QuerySet[PolicyPage]:
    """Live policies (of `owner`, if given) whose review falls due within `within_days`.

    Soonest first; each carries `review_overdue`, true once the date has passed.
    """
    on = on or timezone.localdate()
    policies = PolicyPage.objects.live().filter(
        next_review_due__lte=on + datetime.timedelta(days=within_days)
    )
    if owner is not None:
        policies = policies.filter(owner=owner)
    return policies.annotate(
        review_overdue=ExpressionWrapper(Q(next_review_due__lt=on), output_field=BooleanField())
    ).order_by("next_review_due", "title", "pk")


def policies_a_to_z() -> QuerySet[PolicyPage]:
    """Every live policy by its title's first letter (as `letter`), then by title.

    Each carries `area_title`, its area's title, read in the same query.
    """
    area_title = PolicyIndexPage.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - PolicyPage.steplen)
    ).values("title")[:1]
    return (
        PolicyPage.objects.live()
        .annotate(letter=Upper(Substr("title", 1, 1)), area_title=Subquery(area_title))
        .only("title", "summary", "flexibility", "path", "depth", "url_path")
        .order_by("letter", "title", "pk")
    )


def first_letters(policies: QuerySet[PolicyPage], *, per_page: int) -> list[tuple[str, int]]:
    """Each first letter among `policies` (ordered as policies_a_to_z orders them), with
    the number of the page, `per_page` policies long, where its policies begin."""
    counts = policies.order_by("letter").values_list("letter").annotate(count=Count("pk"))
    letters = []
    before = 0
    for letter, count in counts:
        letters.append((letter, before // per_page + 1))
        before += count
    return letters


def submissions_waiting() -> QuerySet[WorkflowState]:
    """Every policy change waiting for approval, the longest waiting first."""
    return WorkflowState.objects.filter(
        content_type=ContentType.objects.get_for_model(PolicyPage),
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).order_by("created_at", "pk")


def change_feed_reader(*, secret: str):
    """The person whose private change feed link has `secret`, while they may still read
    the changes; None for a revoked or unknown link."""
    link = (
        ChangeFeedLink.objects.filter(secret_hash=ChangeFeedLink.hash_of(secret))
        .select_related("user")
        .first()
    )
    if link is None or not permissions.may_read_changes(link.user):
        return None
    return link.user


def unpublished_change_note(*, policy: PolicyPage) -> RevisionNote | None:
    """The change note of the policy's latest revision while that revision is not live.

    That is the note of a draft or a submission, which its owner is still working
    on; None once the latest revision is live (the next change starts afresh),
    or when the latest revision has no note.
    """
    revisions = (
        PolicyPage.objects.filter(pk=policy.pk)
        .values_list("latest_revision_id", "live_revision_id")
        .first()
    )
    if revisions is None or revisions[0] is None or revisions[0] == revisions[1]:
        return None
    return RevisionNote.objects.filter(revision_id=revisions[0]).first()


def changes_sent_back(*, user) -> QuerySet[WorkflowState]:
    """The policy changes `user` submitted that were sent back for changes, newest first.

    Each carries `policy_id` and `policy_title`, and its `current_task_state` is
    the task that asked for changes: who (`finished_by`), when (`finished_at`)
    and why (`comment`). A change leaves the list once it is resubmitted or its
    submission cancelled. One query, however many there are.
    """
    policy_id = Cast("object_id", output_field=IntegerField())
    return (
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            requested_by=user,
            content_type=ContentType.objects.get_for_model(PolicyPage),
        )
        .annotate(
            policy_id=policy_id,
            policy_title=Subquery(
                PolicyPage.objects.filter(pk=OuterRef("policy_id")).values("draft_title")[:1]
            ),
        )
        .select_related("current_task_state__finished_by")
        .order_by("-current_task_state__finished_at", "-pk")
    )


def areas_to_import_into(*, user) -> QuerySet[PolicyIndexPage]:
    """The policy areas `user` may add policies to, by title: where their imports may go."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    return PolicyIndexPage.objects.filter(pk__in=pages.values("pk")).order_by("title")
