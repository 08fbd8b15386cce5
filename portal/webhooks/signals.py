"""Receivers of the events the webhooks tell (connected in WebhooksConfig.ready): a case
escalated or decided (exceptions.events), a policy version going live (Wagtail's
page_published) and reviews falling due (policies.events). Each queues its event for
after the commit (services.announce); none reaches outside the portal."""

from policies.history import published_versions
from policies.signals import went_live

from . import events
from .choices import Event
from .services import announce


def announce_case_escalated(sender, precedent, **kwargs):
    announce(Event.CASE_ESCALATED, lambda: [events.case_escalated(precedent)])


def announce_case_decided(sender, precedent, **kwargs):
    announce(Event.CASE_DECIDED, lambda: [events.case_decided(precedent)])


def announce_version_published(sender, instance, revision=None, **kwargs):
    """A version that really went live (not one only scheduled: see policies.signals)."""
    if not went_live(instance, revision):
        return

    def build():
        # Wagtail logs the publication after this signal; by the commit the log, which
        # numbers the versions, has it.
        return [
            events.version_published(
                instance,
                number=version.number,
                went_live_at=version.went_live_at,
                note=version.note,
            )
            for version in published_versions(policy=instance)
            if version.revision.pk == revision.pk
        ]

    announce(Event.VERSION_PUBLISHED, build)


def announce_reviews_due(sender, policies, on, **kwargs):
    """Every day a review stays due; each endpoint hears of it once per due date (the
    event id is the policy and its date)."""
    announce(
        Event.REVIEW_DUE,
        lambda: [events.review_due(policy, due_on=policy.next_review_due) for policy in policies],
    )
