"""Receivers of Wagtail's page_published for policies, connected in PoliciesConfig.ready.

Wagtail sends page_published before it logs the publication, and also when a
version is only scheduled (a first version approved for a later go-live); the
live revision tells a real go-live apart, so scheduled versions count on the
day they really go live, not when approved.
"""

from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from portal import freshness

from .services import keep_version_to_sign, restart_review_clock_for_version


def went_live(instance, revision) -> bool:
    return revision is not None and instance.live_revision_id == revision.pk


def keep_signable_version(sender, instance, revision=None, **kwargs):
    """A substantive version going live becomes the one to sign."""
    if went_live(instance, revision):
        keep_version_to_sign(policy=instance, revision=revision)


def review_clock_on_publish(sender, instance, revision=None, **kwargs):
    """A version going live may restart the review clock."""
    if went_live(instance, revision):
        restart_review_clock_for_version(
            policy=instance, revision=revision, went_live_on=timezone.localdate()
        )


def policies_changed(sender, instance=None, **kwargs):
    """A page saved, published, unpublished, moved or deleted, a site or a page's view
    restriction changed: what pages show of the policy tree, and how it is served, is
    renewed (portal.freshness)."""
    tree = (Page, Site, PageViewRestriction)
    if isinstance(instance, tree) or (isinstance(sender, type) and issubclass(sender, tree)):
        freshness.bump(freshness.POLICIES)


def signatures_changed(sender, **kwargs):
    freshness.bump(freshness.SIGNATURES)


def workflows_changed(sender, **kwargs):
    """A change submitted, approved, sent back or cancelled: the queues that show what
    waits for approval are renewed."""
    freshness.bump(freshness.WORKFLOWS)
