"""What saying no costs: how upheld cases ended, next to granted ones, from their follow-ups.

Plain functions of plain values; the database counts the follow-up results per
policy, path and side (portal.insights.evidence). A case is on the *upheld* side
when the rule was upheld, on the *granted* side when it was granted, within a
path or outside every path. Each side's follow-ups are counted by result: the
customer stayed (resolved), came back, complained or left (other results are
counted but not named). The comparison is the share of each side that went badly
(came back, complained or left). With fewer than MIN_FOLLOW_UPS follow-ups on
either side the page says plainly that the numbers are too few to conclude from.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from exceptions.choices import FollowUpResult

MIN_FOLLOW_UPS = 20
SIDES = ("upheld", "granted")
WENT_BADLY = (FollowUpResult.CAME_BACK, FollowUpResult.COMPLAINT, FollowUpResult.CHURNED)


@dataclass(frozen=True)
class Side:
    """One side's follow-ups, by result."""

    by_result: Mapping[str, int] = field(default_factory=dict)

    @property
    def followed_up(self) -> int:
        return sum(self.by_result.values())

    @property
    def went_badly(self) -> int:
        return sum(self.by_result.get(result, 0) for result in WENT_BADLY)

    @property
    def went_badly_share(self) -> float | None:
        return self.went_badly / self.followed_up if self.followed_up else None

    def count(self, result: str) -> int:
        return self.by_result.get(result, 0)

    def share(self, result: str) -> float | None:
        return self.count(result) / self.followed_up if self.followed_up else None


@dataclass(frozen=True)
class CostOfNo:
    """Upheld and granted cases' follow-ups side by side."""

    upheld: Side
    granted: Side

    @property
    def enough(self) -> bool:
        """Whether both sides have enough follow-ups to compare."""
        return min(self.upheld.followed_up, self.granted.followed_up) >= MIN_FOLLOW_UPS

    @property
    def extra_went_badly(self) -> float | None:
        """How much larger the upheld side's share that went badly is than the granted
        side's (negative when smaller); None when a side has no follow-up."""
        upheld, granted = self.upheld.went_badly_share, self.granted.went_badly_share
        if upheld is None or granted is None:
            return None
        return upheld - granted

    @property
    def any(self) -> bool:
        return bool(self.upheld.followed_up or self.granted.followed_up)


def cost_of_no(counts: Mapping[tuple[str, str], int]) -> CostOfNo:
    """The comparison from counts by (side, follow-up result)."""
    sides: dict[str, dict[str, int]] = {side: {} for side in SIDES}
    for (side, result), count in counts.items():
        sides[side][result] = sides[side].get(result, 0) + count
    return CostOfNo(upheld=Side(sides["upheld"]), granted=Side(sides["granted"]))
