"""The world the case lifecycle's state machine plays in, and how it reads a case.

Four people of every role on a flexible and a firm policy, the paths they may
use, and a tally of what the machine tried, printed at the end of the run.
"""

import datetime
from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.utils import timezone
from hypothesis import strategies as st

from exceptions.choices import Outcome, Standing
from exceptions.models import Precedent
from exceptions.services import CaseActionRefused, EditConflict
from policies.choices import Flexibility, Tier
from policies.models import PolicyPage
from portal import roles
from tests.policies.factories import PolicyPageFactory
from tests.portal.factories import UserFactory

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


def build_world(*, area, owner, leader) -> World:
    """Two people of every role and one without, on a flexible policy, a firm one, and
    one that will be made firm."""
    people = [
        UserFactory(username=f"{role.lower().replace(' ', '-')}-{n}", role=role)
        for role in ROLE_TIER
        for n in (1, 2)
    ]
    people.append(UserFactory(username="no-role"))
    return World(
        people=people,
        flexible=PolicyPageFactory(area=area, owner=owner, approver=leader, paths=PATHS),
        firm=PolicyPageFactory(
            area=area, owner=owner, approver=leader, flexibility=Flexibility.FIRM, paths=[]
        ),
        hardening=PolicyPageFactory(area=area, owner=owner, approver=leader, paths=PATHS[:2]),
        owner=owner,
        leader=leader,
    )


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


def take_whole_or_not_at_all(name: str, pk, change, *, actor, frozen: dict) -> bool:
    """Run one change to case `pk`; check it was taken whole or refused whole, and that
    no case in `frozen` (the withdrawn ones) was changed. Return whether it was taken."""
    TALLY.steps += 1
    before = snapshot(pk)
    try:
        change()
    except (CaseActionRefused, EditConflict, ValidationError, PermissionDenied):
        TALLY.count(name, taken=False)
        assert snapshot(pk) == before, f"{name} was refused but changed the case"
        return False
    TALLY.count(name, taken=True)
    fields, history, _tags = snapshot(pk)
    assert history == before[1] + 1, f"{name} left no history entry"
    assert fields["change_count"] == before[0]["change_count"] + 1
    latest = Precedent.history.filter(id=pk).order_by("-history_id").first()
    assert latest.history_change_reason
    if actor is not None:
        assert latest.history_user_id == actor.pk
    assert pk not in frozen, f"{name} changed a withdrawn case"
    return True


def check_every_case(machine, *, tiers: dict, hardening) -> None:
    """What must hold of every stored case and its history, after any step."""
    # A handful of queries, however many cases: the invariant runs after every step.
    cases = list(Precedent.objects.order_by("pk"))
    assert len(cases) == machine.recorded
    history = dict(Precedent.history.values_list("id").annotate(rows=Count("history_id")))
    for case in cases:
        check_case(machine, case, history[case.pk], tiers=tiers, hardening=hardening)
    granted_under_firm = Precedent.objects.filter(
        outcome__in=GRANTED, policy_revision__content__flexibility=Flexibility.FIRM
    )
    assert not granted_under_firm.exists(), "granted under a firm version"
    unsigned = Precedent.history.filter(
        Q(history_user__isnull=True) & ~Q(standing=Standing.CODIFIED) | Q(history_change_reason="")
    )
    assert not unsigned.exists(), "a change without who made it, or why"
    awaiting_in_queue = Precedent.objects.waiting_for_tier(Tier.LEADERSHIP).filter(
        question_asked_at__isnull=False, answered_at__isnull=True
    )
    assert not awaiting_in_queue.exists(), "a case waiting for an answer is in the queue"


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
    check_questions(case, tiers=tiers)
    if case.outcome == Outcome.ESCALATED:
        assert case.granted_amount is None
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
    if case.granted_amount is not None:
        assert case.outcome in GRANTED, "an amount granted on a case not granted"
        assert 0 < case.granted_amount < case.amount, "granted nothing, or not less than asked"
    if case.outcome == Outcome.GRANTED_OUTSIDE_PATH:
        assert decider_tier == Tier.LEADERSHIP
    if case.outcome == Outcome.GRANTED_WITHIN_PATH:
        assert decider_tier >= case.path_tier
        over_limit = case.path_limit_amount is not None and case.amount > case.path_limit_amount
        if over_limit:
            assert decider_tier > case.path_tier, "granted over the limit by its tier"


def check_questions(case, *, tiers: dict) -> None:
    """A question comes from someone who may decide the case, never its recorder; a case
    waiting for its answer is never decided; the clock stops for no less than nothing,
    and for no longer than the case has been escalated."""
    assert case.clock_paused >= datetime.timedelta(0), "the clock was paused for less than nothing"
    if case.question_asked_at is None:
        assert (case.question, case.clock_paused, case.answered_at) == (
            "",
            datetime.timedelta(0),
            None,
        )
        return
    assert case.question_asked_by_id != case.recorded_by_id, "asked their own escalation"
    assert tiers[case.question_asked_by_id] >= case.escalated_to_tier
    assert case.clock_paused <= timezone.now() - case.escalated_at
    if case.is_awaiting_answer:
        assert case.outcome == Outcome.ESCALATED, "decided while waiting for an answer"
        assert case.decided_at is None
    else:
        assert case.answered_at >= case.question_asked_at
    if case.decided_at is not None:
        assert not case.is_awaiting_answer
        assert case.question_asked_at < case.decided_at


# Who acts, as an index into the world's people (see `world`), or -1 for the case's recorder.
someone_or_recorder = st.one_of(st.just(-1), st.integers(0, 8))
mostly_the_recorder = st.sampled_from([-1, -1, -1, 0, 2, 4, 6])
# The change count a page shows, as an offset from the case's own: mostly the page is fresh.
stale_or_not = st.sampled_from([0, 0, -1, 1])


# Supervisors and leaders (indexes 2, 3, 6, 7) most of the time, anyone now and then.
mostly_deciders = st.one_of(st.sampled_from([2, 3, 6, 7]), st.integers(0, 8))
