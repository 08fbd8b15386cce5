"""Review cycles: every `review_every_months` a policy's owner re-reads it.

The owner either starts a revision in the editor, or records "reviewed, still
valid", which moves the next review date forward without a new version.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Revision

from .models import PolicyPage, add_months

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
    history. The date is set on the live page row, which readers and the
    review queries see, and inside the live revision and any draft saved after
    it, which is what the editor opens and what a later publish writes back:
    left alone, they would quietly roll the review back. Older revisions are
    history and keep the date they had. The review itself goes into Wagtail's
    audit log, with who, when and the note.
    """
    if not may_review(policy=policy, user=user):
        raise PermissionDenied(_("Only the policy's owner or leadership may record a review."))
    if not policy.live or policy.live_revision_id is None:
        raise ValidationError(_("Only a published policy can be reviewed."))
    previous_due = policy.next_review_due
    next_due = add_months(timezone.localdate(), policy.review_every_months)
    PolicyPage.objects.filter(pk=policy.pk).update(next_review_due=next_due)
    live_revision = policy.live_revision
    current_revisions = Revision.objects.for_instance(policy).filter(
        Q(pk=live_revision.pk) | Q(created_at__gt=live_revision.created_at)
    )
    for revision in current_revisions:
        revision.content["next_review_due"] = next_due.isoformat()
        revision.save(update_fields=["content"])
    policy.next_review_due = next_due
    log(
        instance=policy,
        action=REVIEWED_ACTION,
        user=user,
        revision=live_revision,
        data={
            "note": note,
            "previous_due": previous_due.isoformat() if previous_due else None,
            "next_due": next_due.isoformat(),
        },
    )
    return next_due
