"""Recurring grants outside any path, turned into proposed exception paths.

Plain functions of plain values. Grants outside every path under one policy that
share a tag form a group, joined by the grants the similar-cases search finds for
the group's words (portal.insights.evidence reads both). A group of at least
MIN_CASES cases proposes a path:

- its name: the words most of the group's situations share (at most NAME_WORDS),
  or its tag when they share none;
- its limit: the 90th percentile of the amounts granted (what was granted, when a
  decider granted less than was asked), interpolated between the two nearest
  cases as PostgreSQL's percentile_cont does; none when no case had an amount;
- its tier: the lowest tier that granted one of its cases;
- its answer time: the median hours the escalated ones waited for their decision;
- its unit: the one the policy's limits share, none when they use none or several;
- the cases it cites: all of the group's.

A case is in one proposal only: groups are taken largest first, and a group half of
whose cases a larger one already holds is left out.
"""

import datetime
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from exceptions.similar import COMMON_WORDS

MIN_CASES = 5
NAME_WORDS = 3
PERCENTILE = 0.9


@dataclass(frozen=True)
class OutsideGrant:
    """A grant outside any path, as a proposal reads it."""

    pk: int
    policy_id: int
    situation: str
    tags: frozenset[str]
    amount: Decimal | None
    decided_by_tier: int
    waited_hours: float | None


@dataclass(frozen=True)
class Proposal:
    """A proposed exception path for `policy_id`, drawn from the grants it cites."""

    policy_id: int
    tag: str
    name: str
    limit: Decimal | None
    tier: int
    answer_hours: float | None
    case_ids: tuple[int, ...]
    unit: str = ""

    @property
    def cases(self) -> int:
        return len(self.case_ids)


def hours_between(start: datetime.datetime | None, end: datetime.datetime | None):
    """The hours from `start` to `end`, as the database counts the others; None without both."""
    if start is None or end is None:
        return None
    return (end - start).total_seconds() / 3600


def shared_unit(units: Iterable[str]) -> str:
    """The unit a policy's limits share: "" when they use none, or more than one."""
    found = {unit for unit in units if unit}
    return found.pop() if len(found) == 1 else ""


def percentile(values: list[float], fraction: float = PERCENTILE) -> float | None:
    """percentile_cont(fraction) of `values`: between the two nearest of them, in order."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    lower = int(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (position - lower) * (ordered[upper] - ordered[lower])


def words_of(text: str) -> list[str]:
    """The telling words of a situation, each once, in order: as the similar-cases search
    reads them (four letters or more, the commonest left out)."""
    words = []
    for word in re.findall(r"[^\W\d_]{4,}", text.lower()):
        if word not in COMMON_WORDS and word not in words:
            words.append(word)
    return words


def common_words(situations: list[str]) -> list[str]:
    """The words at least half of `situations` use, most used first (first seen on a tie)."""
    counts: Counter[str] = Counter()
    for situation in situations:
        counts.update(words_of(situation))
    needed = max(2, (len(situations) + 1) // 2)
    return [word for word, count in counts.most_common() if count >= needed]


def proposed_name(*, situations: list[str], tag: str) -> str:
    """A name from the words the situations share, or from the tag."""
    words = common_words(situations)[:NAME_WORDS] or tag.replace("-", " ").split()
    name = " ".join(words)
    return name[:1].upper() + name[1:]


def grouped_by_tag(grants: Iterable[OutsideGrant]) -> dict[tuple[int, str], list[OutsideGrant]]:
    """The grants under each (policy id, tag)."""
    groups: dict[tuple[int, str], list[OutsideGrant]] = {}
    for grant in grants:
        for tag in sorted(grant.tags):
            groups.setdefault((grant.policy_id, tag), []).append(grant)
    return groups


def proposal_of(*, tag: str, grants: list[OutsideGrant]) -> Proposal:
    amounts = [float(grant.amount) for grant in grants if grant.amount is not None]
    limit = percentile(amounts)
    waits = [grant.waited_hours for grant in grants if grant.waited_hours is not None]
    answer = percentile(waits, 0.5)
    return Proposal(
        policy_id=grants[0].policy_id,
        tag=tag,
        name=proposed_name(situations=[grant.situation for grant in grants], tag=tag),
        limit=None if limit is None else Decimal(str(round(limit, 2))).normalize(),
        tier=min(grant.decided_by_tier for grant in grants),
        answer_hours=None if answer is None else round(answer, 1),
        case_ids=tuple(sorted((grant.pk for grant in grants), reverse=True)),
    )


def proposals(
    groups: dict[tuple[int, str], list[OutsideGrant]], *, min_cases: int = MIN_CASES
) -> list[Proposal]:
    """A proposal for each group of at least `min_cases` grants, largest first, leaving out
    a group half of whose cases a larger group of the same policy already holds."""
    taken: dict[int, set[int]] = {}
    chosen = []
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    for (policy_id, tag), grants in ordered:
        unique = {grant.pk: grant for grant in grants}
        if len(unique) < min_cases:
            continue
        held = taken.setdefault(policy_id, set())
        if len(held & set(unique)) * 2 >= len(unique):
            continue
        held.update(unique)
        chosen.append(proposal_of(tag=tag, grants=list(unique.values())))
    return chosen
