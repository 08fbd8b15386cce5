"""What a search writes: the count of searches that found nothing."""

from django.db.models import F
from django.utils import timezone

from .models import UnansweredSearch


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
