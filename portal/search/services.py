"""What search writes: the count of searches that found nothing, and the policies' vocabulary."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Revision

from policies.choices import ChangeKind
from policies.models import PolicyPage

from .models import PolicyTerm, UnansweredSearch
from .permissions import may_add_search_phrase
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


@transaction.atomic
def add_search_phrase(*, policy: PolicyPage, phrase: str, author) -> Revision:
    """Save a draft of `policy` that is also searched as `phrase`, for its owner to submit.

    The draft starts from the policy's latest revision, so a draft already begun
    keeps its changes. Like any change it goes live only through approval; adding
    words people search by changes no rule, so its note calls it editorial.
    """
    if not may_add_search_phrase(user=author, policy=policy):
        raise PermissionDenied
    if policy.workflow_in_progress:
        raise ValidationError(
            _("A change to this policy is waiting for approval: add the words once it is decided.")
        )
    draft = policy.get_latest_revision_as_object()
    phrases = [line.strip() for line in draft.also_searched_as.splitlines() if line.strip()]
    if phrase.lower() in (known.lower() for known in phrases):
        raise ValidationError(_("This policy is already searched as these words."))
    draft.also_searched_as = "\n".join([*phrases, phrase])
    draft.pending_revision_note = {
        "summary": _("Also searched as “%(phrase)s”, from the unanswered searches.")
        % {"phrase": phrase},
        "kind": ChangeKind.EDITORIAL,
    }
    return draft.save_revision(user=author, log_action=True)
