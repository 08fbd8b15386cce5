"""Years of precedent cases, each under the policy version in force on its day.

Cases follow the portal's own rules, through the same functions the case
services call (exceptions.rulebook): what the recorder may not decide is
escalated and decided later by a supervisor or leader, unless it is still
waiting. Each case gets the django-simple-history rows of every step it went
through, dated when the step happened and signed by who took it: recorded,
decided, followed up, withdrawn or codified. A few policies draw most cases, as
the rules under pressure do.
"""

import bisect
import copy
import datetime
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from simple_history.utils import get_history_manager_for_model
from taggit.models import Tag

from exceptions.choices import Channel, Decision, FollowUpResult, Outcome, Request, Standing
from exceptions.models import Precedent, PrecedentTag
from exceptions.rulebook import (
    FOLLOW_UP_AFTER_DAYS,
    NeedsEscalation,
    PathTerms,
    PolicyTerms,
    decided_fields,
    decision_reason,
    path_fields,
    recorded_fields,
    recording_reason,
    rule_on_decision,
    rule_on_recording,
)
from policies.choices import Flexibility, Tier
from policies.models import PolicyPage

from . import text
from .publishing import PolicyWriter
from .text import Writer

CHUNK = 5000
BATCH = 1000
# Shares of what the recorder tries, for flexible policies.
WITHIN_PATH, OUTSIDE_PATH = 0.70, 0.06
# Recorders mostly use the paths within their own authority.
OWN_PATH_WEIGHT = 6
OVER_LIMIT = 0.15
GRANTED_ON_ESCALATION = 0.75
BACKLOG, BACKLOG_SHARE = datetime.timedelta(days=7), 0.3
FOLLOWED_UP = 0.65
WITHDRAWN, CODIFIED = 0.015, 0.02
# How unevenly cases fall on policies: weight of the n-th busiest is 1 / n ** SKEW.
SKEW = 0.9
RARE_CASES = 3


@dataclass
class Step:
    """A later change to a case: when, by whom, why, and the fields it set."""

    case: Precedent
    at: datetime.datetime
    user: object
    reason: str
    values: dict = field(default_factory=dict)

    def apply(self) -> Precedent:
        for name, value in self.values.items():
            setattr(self.case, name, value)
        self.case._history_date = self.at
        self.case._history_user = self.user
        self.case._change_reason = self.reason
        return self.case


class CaseWriter:
    """Record `count` cases between `start` and `now`, oldest first, CHUNK at a time."""

    def __init__(self, *, policies: PolicyWriter, writer: Writer, start, now):
        self.policies = policies
        self.writer = writer
        self.rng = writer.rng
        self.start, self.now = start, now
        self.workforce = policies.workforce
        self.tag_ids = dict(Tag.objects.values_list("name", "pk"))
        self.version_pages: dict[tuple[int, int], PolicyPage] = {}
        self.version_terms: dict[tuple[int, int], PolicyTerms] = {}
        self.rare_policy = len(policies.plans) // 2
        self.rare_left = RARE_CASES
        recorders = [(user, Tier.STAFF) for user in self.workforce.staff] * 10
        recorders += [(user, Tier.SUPERVISOR) for user in self.workforce.supervisors] * 10
        recorders += [(user, Tier.LEADERSHIP) for user in self.workforce.leaders] * 5
        self.recorders = recorders

    def write(self, count: int, progress) -> int:
        span = (self.now - self.start).total_seconds()
        # More cases lately than three years ago, as a growing company records more.
        offsets = sorted(span * self.rng.random() ** 0.8 for _ in range(count))
        policy_indexes = self._policy_indexes(count)
        for first in range(0, count, CHUNK):
            moments = [self.start + datetime.timedelta(seconds=s) for s in offsets[first:][:CHUNK]]
            with transaction.atomic():
                self._write_chunk(moments, policy_indexes[first:][:CHUNK])
            progress.advance(len(moments))
        return count

    def _policy_indexes(self, count: int) -> list[int]:
        order = list(range(len(self.policies.plans)))
        self.rng.shuffle(order)
        weights = [0.0] * len(order)
        for rank, index in enumerate(order, start=1):
            weights[index] = 1 / rank**SKEW
        return self.rng.choices(
            range(len(order)), cum_weights=list(itertools.accumulate(weights)), k=count
        )

    def _write_chunk(self, moments, policy_indexes) -> None:
        """Insert the cases as they stand now, then one history row per step each took.

        bulk_create_with_history would write a single row from today's state; a case
        that was escalated, decided and followed up needs the row of each step, so
        its snapshots go through the same bulk_history_create that function calls.
        """
        cases, tags, created, changed = [], [], [], []
        for moment, index in zip(moments, policy_indexes, strict=True):
            case, case_tags, steps = self._case(moment, index)
            cases.append(case)
            tags.append(case_tags)
            created.append((case, copy.copy(case)))
            changed += [(case, copy.copy(step.apply())) for step in steps]
        Precedent.objects.bulk_create(cases, batch_size=BATCH)
        for case, snapshot in created + changed:
            snapshot.pk = case.pk
        history = get_history_manager_for_model(Precedent)
        history.bulk_history_create([snapshot for _, snapshot in created], batch_size=BATCH)
        history.bulk_history_create(
            [snapshot for _, snapshot in changed], batch_size=BATCH, update=True
        )
        PrecedentTag.objects.bulk_create(
            [
                PrecedentTag(content_object_id=case.pk, tag_id=self.tag_ids[name])
                for case, names in zip(cases, tags, strict=True)
                for name in names
            ],
            batch_size=BATCH,
        )

    def version_page(self, index: int, number: int):
        key = (index, number)
        if key not in self.version_pages:
            self.version_pages[key] = self.policies.version_page(index, number)
            self.version_terms[key] = PolicyTerms.of_page(self.version_pages[key])
        return self.version_pages[key]

    def _case(self, recorded_at, index):
        plan = self.policies.plans[index]
        times = [version.published_at for version in plan.versions]
        number = max(bisect.bisect_right(times, recorded_at) - 1, 0)
        policy = self.version_page(index, number)
        recorder, tier = self.rng.choice(self.recorders)
        path, requested, amount = self._attempt(policy, tier)
        terms = self.version_terms[(index, number)]
        ruling = self._ruling(terms=terms, path=path, requested=requested, amount=amount, tier=tier)
        case = Precedent(
            policy_id=policy.pk,
            policy_revision_id=self.policies.revisions[index][number].pk,
            situation=self._situation(plan.topic, index),
            amount=amount,
            requested_outcome=requested,
            rationale=self.writer.pick(text.CASE_RATIONALES),
            channel=self.writer.pick(Channel.values),
            recorded_by=recorder,
            recorded_at=recorded_at,
            **path_fields(path),
            **recorded_fields(ruling=ruling, recorder=recorder, recorder_tier=tier, at=recorded_at),
        )
        case._history_date, case._history_user = recorded_at, recorder
        case._change_reason = recording_reason(ruling)
        steps = []
        if ruling.outcome == Outcome.ESCALATED:
            decision = self._decision(case, terms, requested)
            if decision is not None:
                steps.append(decision)
        decided_at = steps[0].values["decided_at"] if steps else case.decided_at
        if decided_at is not None:
            steps += self._afterwards(case, recorder, decided_at)
        names = {self.writer.pick(text.CASE_TAGS), self.writer.pick(plan.tags)}
        return case, sorted(names), steps

    @staticmethod
    def _ruling(*, terms, path, requested, amount, tier):
        """What recording comes to, as record_precedent rules it from the record form."""
        asked = {
            "terms": terms,
            "path": None if path is None else PathTerms.of(path),
            "request": requested,
            "amount": amount,
            "recorder_tier": tier,
        }
        try:
            return rule_on_recording(**asked, escalate=False)
        except NeedsEscalation:
            # Over their authority, the recorder escalates, as the record form offers.
            return rule_on_recording(**asked, escalate=True)

    def _attempt(self, policy, tier):
        """What the recorder asks for: a path (maybe over its limit), outside any path, or no."""
        if policy.flexibility == Flexibility.FIRM:
            return None, Request.UPHOLD, None
        roll = self.rng.random()
        if roll < WITHIN_PATH:
            paths = list(policy.exception_paths.all())
            weights = [OWN_PATH_WEIGHT if path.authority <= tier else 1 for path in paths]
            path = self.rng.choices(paths, weights)[0]
            if path.limit_amount is None:
                return path, Request.GRANT_WITHIN_PATH, None
            share = (
                self.rng.uniform(1.1, 2.5) if self.rng.random() < OVER_LIMIT else self.rng.random()
            )
            amount = max(Decimal(1), (path.limit_amount * Decimal(share)).quantize(Decimal(1)))
            return path, Request.GRANT_WITHIN_PATH, amount
        if roll < WITHIN_PATH + OUTSIDE_PATH:
            return None, Request.GRANT_OUTSIDE_PATH, Decimal(self.rng.randint(10, 400))
        return None, Request.UPHOLD, None

    def _decision(self, case, terms, requested) -> Step | None:
        """The later decision on an escalated case, or None while it is still waiting."""
        hours = case.promised_decision_hours * self.rng.uniform(0.1, 1.6) + self.rng.uniform(0.5, 3)
        decided_at = case.escalated_at + datetime.timedelta(hours=hours)
        # Some of the last week's escalations are still waiting, overdue or not, so the
        # deciders' queues are never empty, whatever the company's size.
        backlog = case.escalated_at > self.now - BACKLOG and self.rng.random() < BACKLOG_SHARE
        if decided_at >= self.now or backlog:
            return None
        if case.escalated_to_tier == Tier.SUPERVISOR:
            decider, tier = self.rng.choice(self.workforce.supervisors), Tier.SUPERVISOR
        else:
            decider, tier = self.rng.choice(self.workforce.leaders), Tier.LEADERSHIP
        decision = Decision.UPHOLD
        if requested != Request.UPHOLD and self.rng.random() < GRANTED_ON_ESCALATION:
            decision = Decision.GRANT
        # Escalated to the decider's own tier, the case is always theirs to grant.
        outcome = rule_on_decision(
            terms=terms,
            path=case.path_terms,
            amount=case.amount,
            decision=decision,
            decider_tier=tier,
        )
        return Step(
            case=case,
            at=decided_at,
            user=decider,
            reason=decision_reason(outcome),
            values={
                "outcome": outcome,
                **decided_fields(decider=decider, tier=tier, at=decided_at),
                "decision_rationale": self.writer.pick(text.DECISION_RATIONALES),
                "decision_seen_at": decided_at,
            },
        )

    def _afterwards(self, case, recorder, decided_at) -> list[Step]:
        """Follow-up and standing changes after the decision, where their day has come."""
        steps = []
        due = decided_at + datetime.timedelta(days=FOLLOW_UP_AFTER_DAYS)
        followed_up_at = due + datetime.timedelta(days=self.rng.uniform(0, 10))
        if followed_up_at < self.now and self.rng.random() < FOLLOWED_UP:
            result = self.rng.choice(FollowUpResult.values)
            steps.append(
                Step(
                    case=case,
                    at=followed_up_at,
                    user=recorder,
                    reason="Follow-up recorded",
                    values={
                        "follow_up_result": result,
                        "follow_up_notes": self.writer.pick(text.FOLLOW_UP_NOTES),
                        "followed_up_at": followed_up_at,
                    },
                )
            )
        changed_at = max(decided_at, followed_up_at) + datetime.timedelta(
            days=self.rng.uniform(1, 60)
        )
        roll = self.rng.random()
        if changed_at < self.now and roll < WITHDRAWN:
            why = "Recorded twice by mistake."
            steps.append(
                Step(
                    case=case,
                    at=changed_at,
                    user=recorder,
                    reason=f"Withdrawn: {why}",
                    values={"standing": Standing.WITHDRAWN, "withdrawn_reason": why},
                )
            )
        elif changed_at < self.now and roll < WITHDRAWN + CODIFIED:
            steps.append(
                Step(
                    case=case,
                    at=changed_at,
                    user=self.rng.choice(self.workforce.leaders),
                    reason="A later version of the policy absorbed this case.",
                    values={"standing": Standing.CODIFIED},
                )
            )
        return steps

    def _situation(self, topic: str, index: int) -> str:
        situation = self.writer.situation(topic)
        if index == self.rare_policy and self.rare_left:
            self.rare_left -= 1
            situation += f" The parcel held an antique {text.RARE_TERM}."
        return situation
