"""Press pages in rounds, so that a burst of other work on the machine falls on all alike.

Pages that are to be compared (the same page on two servers, one per size of the
company) form a group and are pressed one after the other within each round,
the group's order turned round every other round: neither server always goes
first, straight after a different page.
"""

from collections.abc import Callable, Hashable
from dataclasses import dataclass

from .load import Load, Measured, WrkRun, run_wrk, warm_up


@dataclass(frozen=True)
class Target:
    key: Hashable
    url: str
    cookie: str


def press(
    groups: list[list[Target]], load: Load, progress: Callable[[str], None]
) -> dict[Hashable, Measured]:
    """Warm every target, then give each its share of `load.seconds` in every round."""
    for group in groups:
        for target in group:
            warm_up(target.url, target.cookie, load)
    runs: dict[Hashable, list[WrkRun]] = {t.key: [] for group in groups for t in group}
    seconds = load.seconds // load.rounds
    for number in range(1, load.rounds + 1):
        progress(f"round {number} of {load.rounds} …")
        for group in groups:
            for target in group if number % 2 else reversed(group):
                runs[target.key].append(
                    run_wrk(
                        target.url,
                        target.cookie,
                        load.connections,
                        seconds,
                        close=load.connection_per_request,
                    )
                )
    return {key: Measured.merge(measured) for key, measured in runs.items()}
