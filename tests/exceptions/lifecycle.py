"""The world the case lifecycle's state machine plays in, and how it reads a case.

Four people of every role on a flexible and a firm policy, the paths they may
use, and a tally of what the machine tried, printed at the end of the run.
"""

from dataclasses import asdict, dataclass, field

from hypothesis import strategies as st

from exceptions.choices import Outcome
from exceptions.models import Precedent
from policies.choices import Tier
from policies.models import PolicyPage
from portal import roles

GRANTED = (Outcome.GRANTED_WITHIN_PATH, Outcome.GRANTED_OUTSIDE_PATH)


ROLE_TIER = {
    roles.STAFF: Tier.STAFF,
    roles.SUPERVISORS: Tier.SUPERVISOR,
    roles.POLICY_OWNERS: Tier.STAFF,
    roles.LEADERSHIP: Tier.LEADERSHIP,
}


PATHS = [
    {
        "name": "Late return",
        "authority": Tier.STAFF,
        "limit_amount": 14,
        "limit_unit": "days",
        "conditions": "-",
        "record": "-",
        "decision_hours": 0,
    },
    {
        "name": "Refund without receipt",
        "authority": Tier.SUPERVISOR,
        "limit_amount": 150,
        "limit_unit": "EUR",
        "conditions": "-",
        "record": "-",
        "decision_hours": 24,
    },
    {
        "name": "Goodwill voucher",
        "authority": Tier.LEADERSHIP,
        "limit_amount": None,
        "limit_unit": "",
        "conditions": "-",
        "record": "-",
        "decision_hours": 72,
    },
]


@dataclass
class Tally:
    """What the runs did, printed at the end of the suite."""

    examples: int = 0
    steps: int = 0
    taken: dict = field(default_factory=dict)
    refused: dict = field(default_factory=dict)

    def count(self, action: str, *, taken: bool):
        counts = self.taken if taken else self.refused
        counts[action] = counts.get(action, 0) + 1

    def as_data(self) -> dict:
        """What a worker of a parallel run hands to the one that prints the summary."""
        return asdict(self)

    def add(self, data: dict) -> None:
        self.examples += data["examples"]
        self.steps += data["steps"]
        for mine, theirs in ((self.taken, data["taken"]), (self.refused, data["refused"])):
            for action, count in theirs.items():
                mine[action] = mine.get(action, 0) + count

    def counted(self) -> bool:
        return bool(self.examples)

    def summary(self) -> str:
        actions = sorted(set(self.taken) | set(self.refused))
        done = ", ".join(
            f"{name} {self.taken.get(name, 0)}/{self.refused.get(name, 0)}" for name in actions
        )
        return f"case lives: {self.examples} examples, {self.steps} steps (taken/refused: {done})"


TALLY = Tally()


@dataclass
class World:
    people: list
    flexible: PolicyPage
    firm: PolicyPage
    hardening: PolicyPage
    owner: object
    leader: object


def tier_of(user) -> Tier | None:
    names = {group.name for group in user.groups.all()}
    tiers = [tier for role, tier in ROLE_TIER.items() if role in names]
    return max(tiers) if tiers else None


def snapshot(pk) -> tuple:
    """What a case holds: its fields, the length of its history, its tags.

    Left out: when its recorder last looked, and the link to its exception path,
    which the database clears when a new version drops the path (the case keeps
    the path's name, tier and limit as they were).
    """
    case = Precedent.objects.get(pk=pk)
    return fields_of(case), case.history.count(), sorted(case.tags.values_list("name", flat=True))


def fields_of(case) -> dict:
    fields = {f.attname: getattr(case, f.attname) for f in Precedent._meta.concrete_fields}
    for bookkeeping in ("decision_seen_at", "exception_path_id"):
        fields.pop(bookkeeping)
    return fields


def check_case(machine, case, history_rows: int, *, tiers: dict, hardening) -> None:
    """What must hold of one stored case, given what `machine` saw happen to it so far."""
    assert case.policy_revision_id == machine.pinned[case.pk], "the pinned version moved"
    if case.outcome in GRANTED and case.policy_id == hardening.pk:
        assert machine.hardened_at is None or case.decided_at < machine.hardened_at, (
            "granted after its rule became firm"
        )
    if case.pk in machine.withdrawn:
        fields, rows, _tags = machine.withdrawn[case.pk]
        assert (fields_of(case), history_rows) == (fields, rows), "a withdrawn case changed"
    if case.pk in machine.decided_at:
        assert case.decided_at == machine.decided_at[case.pk]
    if case.outcome == Outcome.ESCALATED:
        assert case.decided_by_id is None
        assert case.escalated_to_tier is not None
        assert case.escalated_at is not None
        return
    assert case.decided_by_id is not None
    assert case.decided_at is not None
    decider_tier = tiers[case.decided_by_id]
    assert case.decided_by_tier == decider_tier
    if case.escalated_at is not None:
        assert case.decided_by_id != case.recorded_by_id, "decided their own escalation"
        assert decider_tier >= case.escalated_to_tier
    else:
        assert case.decided_by_id == case.recorded_by_id
    if case.outcome == Outcome.GRANTED_OUTSIDE_PATH:
        assert decider_tier == Tier.LEADERSHIP
    if case.outcome == Outcome.GRANTED_WITHIN_PATH:
        assert decider_tier >= case.path_tier
        over_limit = case.path_limit_amount is not None and case.amount > case.path_limit_amount
        if over_limit:
            assert decider_tier > case.path_tier, "granted over the limit by its tier"


# Who acts, as an index into the world's people (see `world`), or -1 for the case's recorder.
someone_or_recorder = st.one_of(st.just(-1), st.integers(0, 8))


# Supervisors and leaders (indexes 2, 3, 6, 7) most of the time, anyone now and then.
mostly_deciders = st.one_of(st.sampled_from([2, 3, 6, 7]), st.integers(0, 8))
