"""Read and sign: frontline readers acknowledge the current version of each policy.

What they sign is the policy's latest *substantive* published revision. An
editorial revision (wording only) leaves existing signatures valid; a
substantive one asks everyone again, with its change note saying what changed
and why.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from wagtail.models import PageLogEntry

from .choices import ChangeKind
from .history import PUBLISH_ACTIONS, PublishedVersion, published_versions
from .models import PolicyAcknowledgement, PolicyPage, RevisionNote, SignableVersion

SIGN_PERMISSION = "policies.add_policyacknowledgement"


def substantive_publications() -> QuerySet[PageLogEntry]:
    """Audit log entries of a substantive revision going live, newest first.

    The same test of "published" as the policy's history (policies.history):
    drafts and rejected submissions never appear, so neither asks for a signature.
    """
    return PageLogEntry.objects.filter(
        action__in=PUBLISH_ACTIONS, revision__policy_note__kind=ChangeKind.SUBSTANTIVE
    ).order_by("-timestamp", "-pk")


def keep_signable_version(sender, instance, revision=None, **kwargs):
    """A substantive version going live becomes the one to sign (page_published receiver).

    Wagtail sends page_published before it logs the publication, and also when a
    version is only scheduled; the live revision tells a real go-live apart.
    """
    if revision is None or instance.live_revision_id != revision.pk:
        return
    if RevisionNote.objects.filter(revision=revision, kind=ChangeKind.SUBSTANTIVE).exists():
        SignableVersion.objects.update_or_create(
            policy_id=instance.pk, defaults={"revision": revision}
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


def signers():
    """Active people whose role asks them to sign policies (staff and supervisors)."""
    app_label, codename = SIGN_PERMISSION.split(".")
    permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    user_model = get_user_model()
    return user_model.objects.filter(
        is_active=True,
        pk__in=user_model.groups.through.objects.filter(group__permissions__in=permission).values(
            "user_id"
        ),
    )


def policies_with_current_version() -> QuerySet[PolicyPage]:
    """Live policies with `current_version`, the revision to sign; those without one left out."""
    return (
        PolicyPage.objects.live()
        .filter(signable_version__isnull=False)
        .annotate(current_version=F("signable_version__revision_id"))
    )


def policies_to_acknowledge(*, user) -> QuerySet[PolicyPage]:
    """Live policies whose current version the user has not signed, alphabetically.

    Each carries `signed_before` (they signed an earlier version, so this is a
    change to catch up on) and `change_summary`, the current version's note.
    """
    signed = PolicyAcknowledgement.objects.filter(user=user)
    return (
        policies_with_current_version()
        .exclude(Exists(signed.filter(revision_id=OuterRef("current_version"))))
        .annotate(
            signed_before=Exists(signed.filter(policy_id=OuterRef("pk"))),
            change_summary=Subquery(
                RevisionNote.objects.filter(revision_id=OuterRef("current_version")).values(
                    "summary"
                )[:1]
            ),
        )
        .order_by("title", "pk")
    )


def acknowledgement_status(
    *, policy: PolicyPage, user, versions: list[PublishedVersion] | None = None
) -> dict | None:
    """What the policy page tells a reader about signing it, or None when nothing to sign.

    Returns the version to sign (`version_to_sign`, its latest substantive
    version, and its `note`), the reader's signature of it (`signed`, or None),
    the version their latest signature is of (`signed_version`, or None) and
    whether that is an earlier version than the one to sign (`signed_before`).
    `versions`, the policy's published versions when the page has read them
    already, spares reading them again.
    """
    if versions is None:
        versions = published_versions(policy=policy)
    substantive = [
        version
        for version in versions
        if version.note is not None and version.note.kind == ChangeKind.SUBSTANTIVE
    ]
    if not substantive:
        return None
    to_sign = substantive[-1]
    latest = (
        PolicyAcknowledgement.objects.filter(policy=policy, user=user)
        .order_by(
            Case(When(revision_id=to_sign.revision.pk, then=Value(0)), default=Value(1)),
            "-acknowledged_at",
        )
        .first()
    )
    signed = latest if latest and latest.revision_id == to_sign.revision.pk else None
    by_revision = {version.revision.pk: version for version in versions}
    return {
        "version_to_sign": to_sign,
        "note": to_sign.note,
        "signed": signed,
        "signed_version": by_revision.get(latest.revision_id) if latest else None,
        "signed_before": latest is not None and signed is None,
    }


def acknowledge_policy(*, policy: PolicyPage, user, revision_id: int) -> PolicyAcknowledgement:
    """Sign the policy's current version; signing it twice keeps the first signature.

    `revision_id` is the version the reader saw. If a newer substantive version
    went live meanwhile, nothing is signed: they must read the new one first.
    """
    if not user.has_perm(SIGN_PERMISSION):
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


def coverage_by_policy() -> QuerySet[PolicyPage]:
    """Live policies with how many current signers signed their version to sign.

    Each carries `current_version` (the revision to sign) and `signed`,
    alphabetically. Which version is in force is the selectors' to say.
    """
    signed = (
        PolicyAcknowledgement.objects.filter(
            revision_id=OuterRef("current_version"), user__in=signers()
        )
        .order_by()
        .values("revision_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        policies_with_current_version()
        .annotate(signed=Coalesce(Subquery(signed, output_field=IntegerField()), Value(0)))
        .order_by("title", "pk")
    )
