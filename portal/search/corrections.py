"""Correcting the misspelt words of a search to the words live policies are known by.

Each database finds the candidates by trigrams: PostgreSQL with pg_trgm's
similarity(), SQLite through its FTS5 trigram table. Both then choose among them
by the same pure rule (terms.closest_term), so a typo reads the same everywhere.
"""

import re

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection

from .models import PolicyTerm
from .terms import SHORTEST_CORRECTED, closest_term, trigram_similarity

# Kept in step with search_policyterm by the triggers of migration 0002 (SQLite only).
TRIGRAM_TABLE = "search_policyterm_trigrams"
# Words sharing fewer trigrams than this are not candidates: a swap of two
# letters in a six-letter word ("retrun") still shares 0.27 of them.
CLOSE_ENOUGH = 0.2
CANDIDATES = 20
# A search of more words than this is a sentence: only its first words are corrected.
MOST_WORDS_CORRECTED = 8


def corrected_query(*, query: str) -> str | None:
    """`query` with each word no live policy uses replaced by the closest one that it does.

    None when no word changed. Words shorter than SHORTEST_CORRECTED, numbers, and
    words a policy uses are kept as typed.
    """
    tokens = re.findall(r"\w+", query)
    correctable = {
        token.lower()
        for token in tokens[:MOST_WORDS_CORRECTED]
        if token.isalpha() and len(token) >= SHORTEST_CORRECTED
    }
    corrections = {}
    for word in sorted(correctable):
        candidates = _candidates(word)
        # A word a policy uses is its own closest candidate, and is kept.
        closest = None if word in candidates else closest_term(word, candidates)
        if closest is not None:
            corrections[word] = closest
    if not corrections:
        return None
    return " ".join(corrections.get(token.lower(), token) for token in tokens)


def _candidates(word: str) -> list[str]:
    """Up to CANDIDATES words of live policies sharing the most trigrams with `word`."""
    if connection.vendor == "postgresql":
        return list(
            PolicyTerm.objects.annotate(similarity=TrigramSimilarity("word", word))
            .filter(similarity__gte=CLOSE_ENOUGH)
            .order_by("-similarity", "word")
            .values_list("word", flat=True)
            .distinct()[:CANDIDATES]
        )
    return _candidates_on_sqlite(word)


def _candidates_on_sqlite(word: str) -> list[str]:
    # The word is letters only (corrected_query picks them), so no quote can end a phrase.
    shared = " OR ".join(f'"{word[start : start + 3]}"' for start in range(len(word) - 2))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT word FROM {TRIGRAM_TABLE} WHERE {TRIGRAM_TABLE} MATCH %s",  # noqa: S608 - a constant table name
            [shared],
        )
        found = [row[0] for row in cursor.fetchall()]
    by_closeness = sorted(found, key=lambda term: (-trigram_similarity(word, term), term))
    return [term for term in by_closeness if trigram_similarity(word, term) >= CLOSE_ENOUGH][
        :CANDIDATES
    ]
