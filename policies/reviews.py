"""Review cycles: every `review_every_months` a policy's owner re-reads it.

The owner either starts a revision in the editor, or records "reviewed, still
valid", which moves the next review date forward without a new version. The
date is kept per policy, never inside a revision: see PolicyPage.next_review_due.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .choices import ChangeKind
from .models import PolicyPage, RevisionNote, add_months

REVIEWED_ACTION = "policies.reviewed"
# The home page lists reviews falling due this soon, so owners can plan them.
REVIEW_DUE_SOON_DAYS = 30


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


def may_review(*, policy: PolicyPage, user) -> bool:
    """Whoever may edit the policy may review it: its owner and leadership.

    Editing needs the admin, so people without it are answered from their
    cached permissions, sparing every reader's policy page the page-permission
    queries.
    """
    return user.has_perm("wagtailadmin.access_admin") and (
        policy.permissions_for_user(user).can_edit()
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
    policy.next_review_due = next_due
    return next_due


def review_clock_on_publish(sender, instance, revision=None, **kwargs):
    """A version going live may restart the review clock (page_published receiver).

    Scheduled versions count on the day they really go live, not when approved:
    Wagtail also sends page_published when it only schedules a first version,
    and the live revision tells a real go-live apart.
    """
    if revision is None or instance.live_revision_id != revision.pk:
        return
    restart_review_clock_for_version(
        policy=instance, revision=revision, went_live_on=timezone.localdate()
    )


def restart_review_clock_for_version(*, policy: PolicyPage, revision, went_live_on) -> None:
    """Restart the clock from `went_live_on` if the version is substantive.

    So does the first version to go live, whatever its kind: until then there
    is no review date at all. An editorial version keeps the date.
    """
    substantive = RevisionNote.objects.filter(revision=revision, kind=ChangeKind.SUBSTANTIVE)
    if policy.next_review_due is None or substantive.exists():
        restart_review_clock(policy=policy, on=went_live_on)
