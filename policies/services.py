"""Writes to policies outside the admin editor: changes take the same path the editor takes.

Submitting, approving and rejecting a change; signing the version read; recording
a review and keeping the review clock; keeping the version to sign; making and
revoking a private link to the change feed; saving policies read from Word
documents as drafts.
"""

import datetime
import secrets
from collections.abc import Callable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Revision, WorkflowState

from portal import freshness

from .choices import ChangeKind
from .models import (
    ChangeFeedLink,
    ExceptionPath,
    PolicyAcknowledgement,
    PolicyIndexPage,
    PolicyPage,
    RevisionNote,
    SignableVersion,
    add_months,
)
from .permissions import may_import_into, may_read_changes, may_review, may_sign
from .selectors import substantive_publications
from .word_import.reading import ImportedPolicy

REVIEWED_ACTION = "policies.reviewed"


@transaction.atomic
def submit_policy_revision(
    *,
    policy: PolicyPage,
    author: AbstractBaseUser,
    summary: str,
    kind: ChangeKind,
    driven_by=(),
) -> Revision:
    """Save the policy as a new revision with its change note and submit it for approval,
    or resubmit it when it was sent back for changes.

    `driven_by` lists the precedent cases that drove the change; a substantive
    change that cites none records that no case drove it. Every version that goes
    live says what changed, so an empty summary is refused.
    """
    if not summary.strip():
        raise ValidationError(
            {"summary": _("Say what changed and why before you submit for approval.")}
        )
    policy.pending_revision_note = {
        "summary": summary,
        "kind": kind,
        "driven_by": list(driven_by),
        "no_case_drove_it": kind == ChangeKind.SUBSTANTIVE and not driven_by,
    }
    revision = policy.save_revision(user=author, log_action=True)
    workflow_state = policy.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        # Sent back for changes: resubmitting resumes it, as the editor's "Resubmit" does.
        workflow_state.resume(author)
        return revision
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


def acknowledge_policy(*, policy: PolicyPage, user, revision_id: int) -> PolicyAcknowledgement:
    """Sign the policy's current version; signing it twice keeps the first signature.

    `revision_id` is the version the reader saw. If a newer substantive version
    went live meanwhile, nothing is signed: they must read the new one first.
    """
    if not may_sign(user):
        raise PermissionDenied(_("Only staff and supervisors sign policies."))
    current = (
        SignableVersion.objects.filter(policy=policy).values_list("revision_id", flat=True).first()
    )
    if current is None:
        raise ValidationError(_("This policy has no published version to acknowledge."))
    if current != revision_id:
        raise ValidationError(
            _("This policy changed while you were reading it. Read the new version first.")
        )
    acknowledgement, _created = PolicyAcknowledgement.objects.get_or_create(
        revision_id=current, user=user, defaults={"policy": policy}
    )
    return acknowledgement


def keep_version_to_sign(*, policy: PolicyPage, revision: Revision) -> None:
    """Make a substantive version that went live the one its readers sign."""
    if RevisionNote.objects.filter(revision=revision, kind=ChangeKind.SUBSTANTIVE).exists():
        SignableVersion.objects.update_or_create(
            policy_id=policy.pk, defaults={"revision": revision}
        )


def refresh_signable_versions(*, policy_ids: list[int]) -> None:
    """Set the policies' versions to sign from the audit log, for what was written in bulk."""
    latest = dict(
        PolicyPage.objects.filter(pk__in=policy_ids)
        .annotate(
            revision_id=Subquery(
                substantive_publications().filter(page_id=OuterRef("pk")).values("revision_id")[:1]
            )
        )
        .filter(revision_id__isnull=False)
        .values_list("pk", "revision_id")
    )
    SignableVersion.objects.filter(policy_id__in=policy_ids).exclude(
        policy_id__in=list(latest)
    ).delete()
    SignableVersion.objects.bulk_create(
        [
            SignableVersion(policy_id=pk, revision_id=revision_id)
            for pk, revision_id in latest.items()
        ],
        update_conflicts=True,
        unique_fields=["policy"],
        update_fields=["revision"],
    )


@transaction.atomic
def record_review(*, policy: PolicyPage, user, note: str = "") -> datetime.date:
    """Record that the policy was reviewed and still holds; return its next review date.

    A review changes no word of the rule, so it makes no new version: a new
    version would ask every reader to sign again and put a non-change into the
    history. The date is kept on the policy, outside its revisions, so no
    published version is touched. The review itself goes into Wagtail's audit
    log, with who, when and the note.
    """
    if not may_review(policy=policy, user=user):
        raise PermissionDenied(_("Only the policy's owner or leadership may record a review."))
    if not policy.live or policy.live_revision_id is None:
        raise ValidationError(_("Only a published policy can be reviewed."))
    previous_due = policy.next_review_due
    next_due = restart_review_clock(policy=policy, on=timezone.localdate())
    log(
        instance=policy,
        action=REVIEWED_ACTION,
        user=user,
        revision=policy.live_revision,
        data={
            "note": note,
            "previous_due": previous_due.isoformat() if previous_due else None,
            "next_due": next_due.isoformat(),
        },
    )
    return next_due


def restart_review_clock(*, policy: PolicyPage, on: datetime.date) -> datetime.date:
    """Set the policy's next review `review_every_months` after `on`; return that date."""
    next_due = add_months(on, policy.review_every_months)
    PolicyPage.objects.filter(pk=policy.pk).update(next_review_due=next_due)
    freshness.bump(freshness.POLICIES)
    policy.next_review_due = next_due
    return next_due


def restart_review_clock_for_version(*, policy: PolicyPage, revision, went_live_on) -> None:
    """Restart the clock from `went_live_on` if the version is substantive.

    So does the first version to go live, whatever its kind: until then there
    is no review date at all. An editorial version keeps the date.
    """
    substantive = RevisionNote.objects.filter(revision=revision, kind=ChangeKind.SUBSTANTIVE)
    if policy.next_review_due is None or substantive.exists():
        restart_review_clock(policy=policy, on=went_live_on)


@transaction.atomic
def make_change_feed_link(*, user) -> str:
    """Make `user` a private link to the change feed and return its secret, which is kept
    nowhere: the page shows it once. A link made before stops working."""
    if not may_read_changes(user):
        raise PermissionDenied(_("Only those who read the change list may follow its feed."))
    secret = secrets.token_urlsafe(32)
    ChangeFeedLink.objects.update_or_create(
        user=user, defaults={"secret_hash": ChangeFeedLink.hash_of(secret)}
    )
    return secret


def revoke_change_feed_link(*, user) -> None:
    """Stop `user`'s private link to the change feed from working, if they have one."""
    ChangeFeedLink.objects.filter(user=user).delete()


@transaction.atomic
def import_policy_drafts(
    *,
    area: PolicyIndexPage,
    documents: list[ImportedPolicy],
    author: AbstractBaseUser | None,
    progress: Callable[[], None] | None = None,
) -> list[PolicyPage]:
    """Save each policy read from a Word document as a new draft in `area`; return them.

    None goes live: each is a draft for its owner (the author) to check and
    submit for approval, like any change. A new rule changes what staff may do,
    so its note calls it substantive, driven by no case. All are saved or none:
    a title already in the area, or twice in the batch, refuses the whole batch,
    so importing the same documents again adds nothing. `author` is None only
    from the command line, whose operator runs the portal; the drafts then have
    no owner until leadership gives them one.
    """
    if author is not None and not may_import_into(user=author, area=area):
        raise PermissionDenied(_("You may not add policies to this area."))
    _refuse_titles_taken(area=area, documents=documents)
    drafts = []
    for document in documents:
        drafts.append(_save_imported_draft(area=area, document=document, author=author))
        if progress is not None:
            progress()
    return drafts


def _refuse_titles_taken(*, area: PolicyIndexPage, documents: list[ImportedPolicy]) -> None:
    """Refuse documents whose policy's title or address is in the area already."""
    taken = {
        key
        for title, slug in area.get_children().values_list("title", "slug")
        for key in (title.casefold(), slug)
    }
    problems = []
    for document in documents:
        keys = {document.title.casefold(), slugify(document.title, allow_unicode=True)}
        if keys & taken:
            problems.append(
                _("%(file)s: a policy titled “%(title)s” is in this area already.")
                % {"file": document.file_name, "title": document.title}
            )
        taken |= keys
    if problems:
        raise ValidationError(problems)


def _save_imported_draft(
    *, area: PolicyIndexPage, document: ImportedPolicy, author: AbstractBaseUser | None
) -> PolicyPage:
    """One draft as Wagtail's page editor creates one: saved unpublished (logged as created
    by its owner), then its first revision with the change note."""
    policy = PolicyPage(
        title=document.title,
        slug=slugify(document.title, allow_unicode=True),
        summary=document.summary,
        rule=document.rule,
        rationale=document.rationale,
        how_to_explain=document.how_to_explain,
        scope=document.scope,
        owner=author,
        live=False,
    )
    policy.exception_paths = [
        ExceptionPath(sort_order=place, **fields)
        for place, fields in enumerate(document.exception_paths)
    ]
    area.add_child(instance=policy)
    policy.pending_revision_note = {
        "summary": _("Imported from %(file)s") % {"file": document.file_name[:200]},
        "kind": ChangeKind.SUBSTANTIVE,
        "no_case_drove_it": True,
    }
    policy.save_revision(user=author, log_action=True)
    return policy
