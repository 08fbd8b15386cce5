"""What search writes: the count of searches that found nothing, and the policies' vocabulary."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import PolicyTerm, UnansweredSearch
from .terms import policy_texts, terms_of

TERMS_PER_INSERT = 1000


def record_unanswered(*, query: str) -> None:
    """Count a query that found nothing, so owners see what staff look for in vain."""
    normalised = " ".join(query.lower().split())[:255]
    if not normalised:
        return
    now = timezone.now()
    updated = UnansweredSearch.objects.filter(query=normalised).update(
        times_asked=F("times_asked") + 1, last_asked=now
    )
    if not updated:
        UnansweredSearch.objects.create(query=normalised, first_asked=now, last_asked=now)


@transaction.atomic
def keep_policy_terms(*, policies) -> None:
    """Make the policies' words in the vocabulary those of their versions now live, or none.

    A policy's rows are replaced whole: its version in force is the only one a
    search finds, and an unpublished policy is found by no word at all.
    """
    policies = list(policies)
    PolicyTerm.objects.filter(policy__in=[policy.pk for policy in policies]).delete()
    PolicyTerm.objects.bulk_create(
        (
            PolicyTerm(policy=policy, word=word)
            for policy in policies
            if policy.live
            for word in sorted(terms_of(policy_texts(policy)))
        ),
        batch_size=TERMS_PER_INSERT,
    )
