"""Random lives of cases, by people of every role, with the rules checked after every step.

A Hypothesis state machine records, escalates, decides (granting all or less),
asks recorders questions and answers them, corrects, follows up, withdraws,
re-stands and codifies cases on a flexible policy, a firm one and
one made firm along the way, through the same services the pages call, with
random amounts, forms sent from stale pages (a change count behind or ahead of
the case) and forms sent twice. After every step it checks what must always
hold, from the stored cases and their history rather than from the rules'
own code:

- no case is granted under a firm version, nor after its rule was made firm;
- nobody decides beyond their authority, nor an escalation they raised;
- a smaller grant is more than nothing and less than asked;
- a case waiting for an answer is never decided nor queued; only its recorder answers;
  the clock stops for exactly the wait, never less than nothing;
- a withdrawn case never changes again, and a decided case is never decided again;
- a refused change leaves the case exactly as it was;
- every change is in the case's history, with who and why, and raises its count;
- the policy version a case was recorded under never changes;
- a form sent twice records one case; the database's own constraints hold.
"""

import os
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    multiple,
    precondition,
    rule,
    run_state_machine_as_test,
)

from exceptions.choices import Decision, FollowUpResult, Request, Standing
from exceptions.models import Precedent
from exceptions.questions import answer_question, ask_recorder
from exceptions.rulebook import NeedsEscalation
from exceptions.services import (
    AlreadyRecorded,
    change_standing,
    codify_cited_cases,
    decide_escalation,
    record_follow_up,
    record_precedent,
    update_escalated_precedent,
    withdraw_precedent,
)
from policies.choices import ChangeKind, Flexibility
from policies.models import PolicyPage
from tests.exceptions.lifecycle import (
    TALLY,
    World,
    build_world,
    check_every_case,
    mostly_deciders,
    mostly_the_recorder,
    snapshot,
    someone_or_recorder,
    stale_or_not,
    take_whole_or_not_at_all,
    tier_of,
)
from tests.policies.factories import publish_version

pytestmark = pytest.mark.django_db

# CI runs the long search on both databases; a local `make test` a shorter one.
EXAMPLES = 200 if os.environ.get("CI") else 20
STEPS = 30


def build_machine(world: World):
    tiers = {person.pk: tier_of(person) for person in [*world.people, world.leader]}

    class CaseLives(RuleBasedStateMachine):
        cases = Bundle("cases")

        def __init__(self):
            super().__init__()
            self.savepoint = transaction.atomic()
            self.savepoint.__enter__()
            self.recorded = 0
            self.pinned = {}
            self.withdrawn = {}
            self.decided_at = {}
            self.asked = []
            self.tokens = []
            self.hardened_at = None
            TALLY.examples += 1

        def teardown(self):
            transaction.set_rollback(True)
            self.savepoint.__exit__(None, None, None)

        def _act(self, name, pk, change, *, actor):
            return take_whole_or_not_at_all(name, pk, change, actor=actor, frozen=self.withdrawn)

        @staticmethod
        def _person(pk, who):
            """Half the time the case's recorder, whose actions most are; else anyone."""
            if who < 0:
                return Precedent.objects.get(pk=pk).recorded_by
            return world.people[who]

        @staticmethod
        def _seen(pk, offset):
            """The change count a page shows: the case's own, or a stale page's."""
            return Precedent.objects.get(pk=pk).change_count + offset

        @rule(
            target=cases,
            who=st.integers(0, 8),
            which=st.sampled_from(["flexible", "firm", "hardening"]),
            request=st.sampled_from(list(Request)),
            path_index=st.integers(0, 2),
            amount=st.sampled_from([None, "0", "10", "14", "15", "150", "151", "900"]),
            escalate=st.booleans(),
            again=st.booleans(),
        )
        def record(self, who, which, request, path_index, amount, escalate, again):
            TALLY.steps += 1
            recorder = world.people[who]
            policy = PolicyPage.objects.get(pk=getattr(world, which).pk)
            paths = list(policy.exception_paths.all())
            path = None
            if request == Request.GRANT_WITHIN_PATH and paths:
                path = paths[path_index % len(paths)]
            token = uuid.uuid4()
            twin = None
            if again:
                earlier = [entry for entry in self.tokens if entry[0] == recorder.pk]
                if earlier:
                    _recorder, token, twin = earlier[-1]
            count = Precedent.objects.count()
            try:
                case = record_precedent(
                    policy=policy,
                    recorder=recorder,
                    path=path,
                    requested=request,
                    amount=None if amount is None else Decimal(amount),
                    situation="A customer asked.",
                    rationale="Because.",
                    channel="phone",
                    tags=["random"],
                    escalate=escalate,
                    submission_token=token,
                )
            except AlreadyRecorded as sent_before:
                TALLY.count("record", taken=False)
                assert twin is not None
                assert sent_before.case.pk == twin
                assert Precedent.objects.count() == count
                return multiple()
            except (NeedsEscalation, ValidationError, PermissionDenied):
                TALLY.count("record", taken=False)
                assert twin is None
                assert Precedent.objects.count() == count
                return multiple()
            TALLY.count("record", taken=True)
            assert twin is None, "a form sent twice recorded a second case"
            self.recorded += 1
            self.tokens.append((recorder.pk, token, case.pk))
            self.pinned[case.pk] = case.policy_revision_id
            if case.is_decided:
                self.decided_at[case.pk] = case.decided_at
            return case.pk

        @rule(
            pk=cases,
            who=mostly_deciders,
            decision=st.sampled_from(list(Decision)),
            offset=st.sampled_from([0, 0, 0, -1, 1]),
            granted=st.one_of(
                st.none(), st.sampled_from(["-1", "0", "5", "40", "149.99", "150", "900"])
            ),
        )
        def decide(self, pk, who, decision, offset, granted):
            decider = world.people[who]
            seen = self._seen(pk, offset)

            def change():
                decide_escalation(
                    precedent=Precedent.objects.get(pk=pk),
                    decider=decider,
                    decision=decision,
                    rationale="Decided.",
                    expected_change_count=seen,
                    granted_amount=None if granted is None else Decimal(granted),
                )

            if self._act("decide", pk, change, actor=decider):
                assert pk not in self.decided_at, "a decided case was decided again"
                self.decided_at[pk] = Precedent.objects.get(pk=pk).decided_at

        @rule(pk=cases, who=mostly_deciders, offset=st.sampled_from([0, 0, 0, -1, 1]))
        def ask(self, pk, who, offset):
            decider = world.people[who]
            seen = self._seen(pk, offset)
            if self._act(
                "ask",
                pk,
                lambda: ask_recorder(
                    precedent=Precedent.objects.get(pk=pk),
                    decider=decider,
                    question=f"Asked by {decider.username}?",
                    expected_change_count=seen,
                ),
                actor=decider,
            ):
                self.asked.append(pk)
                assert Precedent.objects.get(pk=pk).is_awaiting_answer

        @rule(pk=cases, latest=st.booleans(), who=mostly_the_recorder, offset=stale_or_not)
        def answer(self, pk, latest, who, offset):
            pk = self.asked[-1] if latest and self.asked else pk
            user = self._person(pk, who)
            seen = self._seen(pk, offset)
            before = Precedent.objects.get(pk=pk)
            if self._act(
                "answer",
                pk,
                lambda: answer_question(
                    precedent=Precedent.objects.get(pk=pk),
                    recorder=user,
                    answer=f"Answered by {user.username}.",
                    expected_change_count=seen,
                ),
                actor=user,
            ):
                after = Precedent.objects.get(pk=pk)
                assert user.pk == after.recorded_by_id, "answered by someone else"
                waited = after.answered_at - before.question_asked_at
                assert after.clock_paused == before.clock_paused + waited

        @rule(pk=cases, who=someone_or_recorder, offset=stale_or_not)
        def correct(self, pk, who, offset):
            editor = self._person(pk, who)
            seen = self._seen(pk, offset)
            self._act(
                "correct",
                pk,
                lambda: update_escalated_precedent(
                    precedent=Precedent.objects.get(pk=pk),
                    editor=editor,
                    changes={"situation": f"Corrected by {editor.username}.", "tags": ["fixed"]},
                    reason="Correction.",
                    expected_change_count=seen,
                ),
                actor=editor,
            )

        @rule(
            pk=cases,
            who=someone_or_recorder,
            result=st.sampled_from(list(FollowUpResult)),
            offset=stale_or_not,
        )
        def follow_up(self, pk, who, result, offset):
            user = self._person(pk, who)
            seen = self._seen(pk, offset)
            self._act(
                "follow up",
                pk,
                lambda: record_follow_up(
                    precedent=Precedent.objects.get(pk=pk),
                    user=user,
                    result=result,
                    notes="Afterwards.",
                    expected_change_count=seen,
                ),
                actor=user,
            )

        @rule(pk=cases, who=someone_or_recorder, offset=stale_or_not)
        def withdraw(self, pk, who, offset):
            user = self._person(pk, who)
            seen = self._seen(pk, offset)
            if self._act(
                "withdraw",
                pk,
                lambda: withdraw_precedent(
                    precedent=Precedent.objects.get(pk=pk),
                    user=user,
                    reason=f"Withdrawn by {user.username}.",
                    expected_change_count=seen,
                ),
                actor=user,
            ):
                self.withdrawn[pk] = snapshot(pk)

        @rule(
            pk=cases,
            who=st.integers(0, 8),
            standing=st.sampled_from(list(Standing)),
            offset=stale_or_not,
        )
        def restand(self, pk, who, standing, offset):
            user = world.people[who]
            seen = self._seen(pk, offset)
            self._act(
                "change standing",
                pk,
                lambda: change_standing(
                    precedent=Precedent.objects.get(pk=pk),
                    user=user,
                    standing=standing,
                    reason="Standing changed.",
                    expected_change_count=seen,
                ),
                actor=user,
            )

        @rule(pks=st.lists(cases, min_size=1, max_size=3, unique=True))
        def codify(self, pks):
            TALLY.steps += 1
            policy = PolicyPage.objects.get(pk=world.flexible.pk)
            cited = list(Precedent.objects.filter(pk__in=pks, policy=policy))
            if not cited:
                return
            before = {pk: snapshot(pk) for pk in pks}
            policy.pending_revision_note = {
                "summary": "Absorbs the cited cases.",
                "kind": ChangeKind.SUBSTANTIVE,
                "driven_by": cited,
                "no_case_drove_it": False,
            }
            codified = {case.pk for case in codify_cited_cases(revision=policy.save_revision())}
            TALLY.count("codify", taken=bool(codified))
            for pk in pks:
                fields = snapshot(pk)[0]
                if pk in codified:
                    assert before[pk][0]["standing"] == Standing.STANDING
                    assert before[pk][0]["decided_at"] is not None
                    assert fields["standing"] == Standing.CODIFIED
                    assert pk not in self.withdrawn
                else:
                    assert snapshot(pk) == before[pk]

        @rule(
            target=cases,
            who=st.sampled_from([0, 1, 2, 4, 6]),
            path_index=st.integers(0, 1),
            amount=st.sampled_from(["5", "14", "40", "150", "300"]),
            which=st.sampled_from(["flexible", "hardening"]),
        )
        def escalate(self, who, path_index, amount, which):
            """Escalate a grant within a path, as staff do many times a day."""
            return self.record(
                who=who,
                which=which,
                request=Request.GRANT_WITHIN_PATH,
                path_index=path_index,
                amount=amount,
                escalate=True,
                again=False,
            )

        @precondition(lambda self: self.hardened_at is None and self.recorded >= 3)
        @rule()
        def make_a_rule_firm(self):
            TALLY.steps += 1
            TALLY.count("make a rule firm", taken=True)
            publish_version(
                world.hardening, approver=world.leader, flexibility=Flexibility.FIRM, paths=[]
            )
            self.hardened_at = PolicyPage.objects.get(pk=world.hardening.pk).last_published_at

        @invariant()
        def the_rules_hold(self):
            check_every_case(self, tiers=tiers, hardening=world.hardening)

    return CaseLives


def test_every_life_of_a_case_keeps_the_rules(world):
    run_state_machine_as_test(
        build_machine(world),
        settings=settings(
            max_examples=EXAMPLES,
            stateful_step_count=STEPS,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        ),
    )


@pytest.fixture
def world(area, owner, leader):
    return build_world(area=area, owner=owner, leader=leader)
