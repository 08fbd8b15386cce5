"""Limits read from decisions: how escalated amounts above a path's limit were decided, by
amount band, and the limit the decisions suggest.

Plain functions of plain values. The database counts the decisions per whole amount
(portal.insights.evidence); these rules put the counts into bands and read them:

- A path's amounts above its limit are cut into bands of a round width, about a
  quarter of the limit (1, 2 or 5 times a power of ten, at least 1): a limit of 14
  days gives bands of 2 days (14 to 16, 16 to 18, ...), one of 50 EUR bands of 10 EUR.
  Amounts far above the limit (past MAX_BANDS bands) share one last, open band.
- A case counts as granted when the decider granted all that was asked; a smaller
  grant or an upheld rule counts as not granted.
- The suggested limit is the top of the highest band in which deciders granted at
  least `share` of the cases, counting that band alone and every case from the
  limit up to it, with at least `min_cases` cases behind it. An open band is never
  a suggestion: it has no top.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

# Bands of about this share of the limit.
BAND_SHARE_OF_LIMIT = Decimal("0.25")
# Bands above the limit before the last, open one.
MAX_BANDS = 8


@dataclass(frozen=True)
class Decisions:
    """Decided escalations of one whole amount (or a band): granted in full, granted less,
    upheld, and the hours they waited for their decision in all."""

    granted: int = 0
    granted_less: int = 0
    upheld: int = 0
    hours_waited: float = 0.0

    @property
    def cases(self) -> int:
        return self.granted + self.granted_less + self.upheld

    @property
    def granted_share(self) -> float:
        return self.granted / self.cases if self.cases else 0.0

    def __add__(self, other: "Decisions") -> "Decisions":
        return Decisions(
            granted=self.granted + other.granted,
            granted_less=self.granted_less + other.granted_less,
            upheld=self.upheld + other.upheld,
            hours_waited=self.hours_waited + other.hours_waited,
        )


@dataclass(frozen=True)
class Band:
    """Amounts above `low` up to `high` (None: no top), and how they were decided."""

    low: Decimal
    high: Decimal | None
    decisions: Decisions


@dataclass(frozen=True)
class LimitEvidence:
    """One path's bands above its limit, and the limit they suggest (None: no suggestion)."""

    limit: Decimal
    bands: list[Band] = field(default_factory=list)
    suggested: Decimal | None = None

    @property
    def total(self) -> Decisions:
        return sum((band.decisions for band in self.bands), start=Decisions())

    @property
    def supporting_bands(self) -> list[Band]:
        """The bands from the limit up to the suggested limit."""
        if self.suggested is None:
            return []
        return [
            band for band in self.bands if band.high is not None and band.high <= self.suggested
        ]


def band_width(limit: Decimal) -> Decimal:
    """A round width near a quarter of `limit`: 1, 2 or 5 times a power of ten, at least 1."""
    rough = Decimal(limit) * BAND_SHARE_OF_LIMIT
    if rough <= 1:
        return Decimal(1)
    power = Decimal(10) ** math.floor(rough.log10())
    for step in (5, 2, 1):
        if rough >= step * power:
            return step * power
    return power


def band_edges(limit: Decimal) -> list[Decimal]:
    """The tops of the closed bands: round multiples of the width, the first above `limit`."""
    width = band_width(limit)
    first = (Decimal(limit) // width) * width + width
    return [first + width * index for index in range(MAX_BANDS)]


def band_index(amount: Decimal, edges: list[Decimal]) -> int:
    """The band `amount` (above the limit) falls in: the first whose top it does not pass,
    or len(edges) for the open band above them all."""
    return next((index for index, edge in enumerate(edges) if amount <= edge), len(edges))


def bands_of(*, limit: Decimal, by_amount: dict[Decimal, Decisions]) -> list[Band]:
    """The decisions by amount (only those above `limit` count) in bands, lowest first,
    up to the highest band that has a case; the open band last when it has any."""
    edges = band_edges(limit)
    lows = [Decimal(limit), *edges[:-1]]
    closed = [Decisions() for _edge in edges]
    beyond = Decisions()
    for amount, decisions in by_amount.items():
        if amount <= limit:
            continue
        index = band_index(amount, edges)
        if index == len(edges):
            beyond = beyond + decisions
        else:
            closed[index] = closed[index] + decisions
    bands = [
        Band(low=low, high=high, decisions=decisions)
        for low, high, decisions in zip(lows, edges, closed, strict=True)
    ]
    if beyond.cases:
        return [*bands, Band(low=edges[-1], high=None, decisions=beyond)]
    highest = max((i for i, band in enumerate(bands) if band.decisions.cases), default=-1)
    return bands[: highest + 1]


def suggested_limit(bands: list[Band], *, share: float, min_cases: int) -> Decimal | None:
    """The top of the highest closed band granted at least `share` of the time, on its own
    and from the limit up to it, with at least `min_cases` cases behind it; or None."""
    suggestion = None
    behind = Decisions()
    for band in bands:
        if band.high is None:
            break
        behind = behind + band.decisions
        if (
            band.decisions.cases
            and band.decisions.granted_share >= share
            and behind.granted_share >= share
            and behind.cases >= min_cases
        ):
            suggestion = band.high
    return suggestion


def limit_evidence(
    *, limit: Decimal, by_amount: dict[Decimal, Decisions], share: float, min_cases: int
) -> LimitEvidence:
    """A path's bands above `limit` and the limit they suggest."""
    bands = bands_of(limit=limit, by_amount=by_amount)
    return LimitEvidence(
        limit=Decimal(limit),
        bands=bands,
        suggested=suggested_limit(bands, share=share, min_cases=min_cases),
    )


def summed(rows: Iterable[tuple[Decimal, Decisions]]) -> dict[Decimal, Decisions]:
    """Decisions by amount, adding up rows of the same amount."""
    by_amount: dict[Decimal, Decisions] = {}
    for amount, decisions in rows:
        by_amount[amount] = by_amount.get(amount, Decisions()) + decisions
    return by_amount
