"""The words a misspelt search word may be corrected to, and how close two words are.

Pure functions: the vocabulary is read from a policy's names, and closeness is
measured as PostgreSQL's pg_trgm measures it and by edits, so both databases
choose the same correction from the candidates they find.
"""

import re
from collections.abc import Iterable

MAX_TERM_LENGTH = 60
# Shorter words are left as typed: three letters have too few trigrams to tell a
# typo from another word ("fee", "tax").
SHORTEST_CORRECTED = 4
LETTERS = re.compile(r"[^\W\d_]+")


def words_of(text: str) -> list[str]:
    """The words of `text`, lower-cased, as search and its vocabulary count them."""
    return [word.lower() for word in LETTERS.findall(text)]


def terms_of(texts: Iterable[str]) -> set[str]:
    """The vocabulary `texts` give: each word long enough to correct a typo towards."""
    return {
        word
        for text in texts
        for word in words_of(text)
        if SHORTEST_CORRECTED <= len(word) <= MAX_TERM_LENGTH
    }


def policy_texts(policy) -> list[str]:
    """What a policy is known by: its title, summary, other names and exception paths."""
    return [
        policy.title,
        policy.summary,
        policy.also_searched_as,
        *(path.name for path in policy.exception_paths.all()),
    ]


def trigrams(word: str) -> set[str]:
    """The word's trigrams as pg_trgm counts them: padded by two spaces in front, one behind."""
    padded = f"  {word.lower()} "
    return {padded[start : start + 3] for start in range(len(padded) - 2)}


def trigram_similarity(first: str, second: str) -> float:
    """pg_trgm's similarity(): shared trigrams over all trigrams of the two words."""
    ours, theirs = trigrams(first), trigrams(second)
    return len(ours & theirs) / len(ours | theirs)


def edits_between(first: str, second: str) -> int:
    """How many letters must be added, removed, changed or swapped with a neighbour to
    turn one word into the other: "retrun" is one swap from "return"."""
    previous_row: list[int] = []
    row = list(range(len(second) + 1))
    for i, letter in enumerate(first, start=1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(second)
        for j, other in enumerate(second, start=1):
            row[j] = min(
                previous_row[j] + 1,
                row[j - 1] + 1,
                previous_row[j - 1] + (letter != other),
            )
            if i > 1 and j > 1 and letter == second[j - 2] and first[i - 2] == other:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]


def closest_term(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate a typo of `word` most likely meant, or None when none is close.

    Fewest edits wins, within one edit per three letters; then the most trigrams
    in common; then the alphabet, so the choice never depends on the database.
    """
    allowed = max(1, len(word) // 3)
    scored = [
        (edits, -trigram_similarity(word, candidate), candidate)
        for candidate in candidates
        if (edits := edits_between(word, candidate)) <= allowed
    ]
    return min(scored)[2] if scored else None
