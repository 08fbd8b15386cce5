"""Cases like a situation: the latest cases under its policy whose words match best.

The record form asks for them as the situation is typed, the case page lists them,
the API answers with them, and the evidence reads them for a proposed path.
"""

import hashlib
import re

from django.conf import settings
from django.core.cache import cache

from portal import freshness

from .models import Precedent

SIMILAR_CASES_SHOWN = 5
SIMILAR_QUERY_WORDS = 12
SIMILAR_CANDIDATES = 500
# Words too common in case descriptions to tell one situation from another.
COMMON_WORDS = {
    "about", "after", "again", "asked", "because", "before", "being", "could", "customer",
    "customers", "their", "there", "these", "they", "this", "those", "wants", "wanted",
    "which", "while", "with", "would",
}  # fmt: skip


def similar_cases(*, policy_id: int, text: str, exclude_pk: int | None = None) -> list[Precedent]:
    """Among the latest SIMILAR_CANDIDATES cases under the same policy, those whose words
    best match `text`, most similar first."""
    words = []
    for word in re.findall(r"[^\W\d_]{4,}", text.lower()):
        if word not in COMMON_WORDS and word not in words:
            words.append(word)
    if not words:
        return []
    # Only the latest cases are compared: recent precedents speak for the rule as it
    # stands, and the page costs the same however long the policy's history grows. Their
    # ids are read first, from the (policy, recorded_at) index: as a subquery, PostgreSQL
    # joined every case of a busy policy instead.
    latest = list(
        Precedent.objects.filter(policy_id=policy_id)
        .order_by("-recorded_at", "-pk")
        .values_list("pk", flat=True)[:SIMILAR_CANDIDATES]
    )
    if not latest:
        return []
    matches = (
        Precedent.objects.filter(pk__in=latest)
        .not_withdrawn()
        .search(" ".join(words[:SIMILAR_QUERY_WORDS]), operator="or")[: SIMILAR_CASES_SHOWN + 1]
    )
    return [case for case in matches if case.pk != exclude_pk][:SIMILAR_CASES_SHOWN]


def kept_similar_cases(
    *, policy_id: int, text: str, exclude_pk: int | None = None
) -> list[Precedent]:
    """similar_cases, kept until a case of the policy changes (portal.freshness)."""
    scope = freshness.cases_of_policy(policy_id)
    version = freshness.versions_of(scope)[scope]
    words = hashlib.sha256(text.encode()).hexdigest()
    key = f"similar-cases:{policy_id}:{exclude_pk}:{version}:{words}"
    kept = cache.get_or_set(
        key,
        lambda: similar_cases(policy_id=policy_id, text=text, exclude_pk=exclude_pk),
        settings.PORTAL_FRAGMENT_SECONDS,
    )
    return kept or []
