"""What the policy page tells a reader about signing it: the version to sign, and their own
signature, kept until anyone signs anything."""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Value, When

from portal import freshness

from .choices import ChangeKind
from .history import PublishedVersion, published_versions
from .models import PolicyAcknowledgement, PolicyPage


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
    latest = _kept_latest_signature(policy=policy, user=user, to_sign=to_sign)
    signed = latest if latest and latest.revision_id == to_sign.revision.pk else None
    by_revision = {version.revision.pk: version for version in versions}
    return {
        "version_to_sign": to_sign,
        "note": to_sign.note,
        "signed": signed,
        "signed_version": by_revision.get(latest.revision_id) if latest else None,
        "signed_before": latest is not None and signed is None,
    }


def _kept_latest_signature(*, policy: PolicyPage, user, to_sign: PublishedVersion):
    """The reader's signature of `to_sign`, else their latest of the policy, else None: kept
    until anyone signs anything (portal.freshness), so a reader sees their own at once."""
    version = freshness.versions_of(freshness.SIGNATURES)[freshness.SIGNATURES]
    key = f"signature:{policy.pk}:{user.pk}:{to_sign.revision.pk}:{version}"

    def read() -> tuple:
        # In a tuple, so that "not signed" is kept too.
        latest = (
            PolicyAcknowledgement.objects.filter(policy=policy, user=user)
            .order_by(
                Case(When(revision_id=to_sign.revision.pk, then=Value(0)), default=Value(1)),
                "-acknowledged_at",
            )
            .first()
        )
        return (latest,)

    kept = cache.get_or_set(key, read, settings.PORTAL_FRAGMENT_SECONDS)
    return kept[0] if kept else None
