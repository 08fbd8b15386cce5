"""What the Schemathesis run counts, printed at the end of the run with the other tallies."""

from dataclasses import dataclass, field


@dataclass
class Tally:
    calls: int = 0
    failures: int = 0
    operations: set = field(default_factory=set)
    databases: set = field(default_factory=set)

    def as_data(self) -> dict:
        """What a worker of a parallel run hands to the one that prints the summary."""
        return {
            "calls": self.calls,
            "failures": self.failures,
            "operations": sorted(self.operations),
            "databases": sorted(self.databases),
        }

    def add(self, data: dict) -> None:
        self.calls += data["calls"]
        self.failures += data["failures"]
        self.operations.update(data["operations"])
        self.databases.update(data["databases"])

    def counted(self) -> bool:
        return bool(self.calls)

    def summary(self) -> str:
        return (
            f"schemathesis ({', '.join(sorted(self.databases))}): {len(self.operations)} "
            f"operations, {self.calls} calls, {self.failures} failures"
        )


TALLY = Tally()
