"""Consistency of decisions: deciders who grant similar amounts under a path much more or
much less often than their peers do.

Plain functions of plain values; the database counts each decider's decisions per
path and whole amount (portal.insights.evidence). Amounts above a path's limit are
put in the bands of portal.insights.limits, so "similar amounts" means the same
band. In each band, a decider with at least MIN_CASES decisions is compared with
everyone else who decided cases of that band, together, when they too decided at
least MIN_CASES: if the two grant rates differ by more than `margin` (a share, from
PORTAL_CONSISTENCY_MARGIN), the page asks leadership to talk it through. It is a
prompt to align on what the rule means, never a score of people: nobody is ranked,
and a decider with few cases in a band is never singled out.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .limits import band_edges, band_index

MIN_CASES = 5


@dataclass(frozen=True)
class DeciderDecisions:
    """How one decider decided the cases of one path at one whole amount."""

    path_key: tuple[int, str]
    limit: Decimal
    amount: Decimal
    decider_id: int
    granted: int
    decided: int


@dataclass(frozen=True)
class Difference:
    """One decider's grant rate in one band of a path, against their peers' rate there."""

    path_key: tuple[int, str]
    low: Decimal
    high: Decimal | None
    decider_id: int
    granted: int
    decided: int
    peers_granted: int
    peers_decided: int

    @property
    def rate(self) -> float:
        return self.granted / self.decided

    @property
    def peers_rate(self) -> float:
        return self.peers_granted / self.peers_decided


def differences(
    rows: Iterable[DeciderDecisions], *, margin: float, min_cases: int = MIN_CASES
) -> list[Difference]:
    """Each decider and band whose grant rate differs from the peers' by more than `margin`,
    by path, then band, then the larger gap first."""
    bands: dict[tuple, dict[int, list[int]]] = {}
    for row in rows:
        if row.amount <= row.limit:
            continue
        edges = band_edges(row.limit)
        index = band_index(row.amount, edges)
        low = row.limit if index == 0 else edges[index - 1]
        high = edges[index] if index < len(edges) else None
        counts = bands.setdefault((row.path_key, low, high), {}).setdefault(row.decider_id, [0, 0])
        counts[0] += row.granted
        counts[1] += row.decided
    found = []
    for (path_key, low, high), deciders in bands.items():
        granted_all = sum(granted for granted, _decided in deciders.values())
        decided_all = sum(decided for _granted, decided in deciders.values())
        for decider_id, (granted, decided) in deciders.items():
            peers_granted, peers_decided = granted_all - granted, decided_all - decided
            if decided < min_cases or peers_decided < min_cases:
                continue
            gap = abs(granted / decided - peers_granted / peers_decided)
            if gap > margin:
                found.append(
                    Difference(
                        path_key=path_key,
                        low=low,
                        high=high,
                        decider_id=decider_id,
                        granted=granted,
                        decided=decided,
                        peers_granted=peers_granted,
                        peers_decided=peers_decided,
                    )
                )
    return sorted(
        found,
        key=lambda item: (
            item.path_key,
            item.low,
            -abs(item.rate - item.peers_rate),
            item.decider_id,
        ),
    )
