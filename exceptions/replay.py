"""A draft replayed against past cases: what its paths and limits would have done to them.

Plain functions of plain values, like the rulebook they call: each past case is
recorded again under the draft's terms by rule_on_recording and its decision
judged again by tier_needed, exactly as record_precedent and decide_escalation
would judge them. A case is matched to the draft's copy of its exception path by
the path's id, then by its name, as paths are renamed seldom and re-made often.

A case counts for the draft only when the draft is what changes it: when the version
in force today would have done to it what was done, and the draft would not. A case
escalated under an older, lower limit that today's version already lets its recorder
decide is that version's saving, not the draft's.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from policies.choices import Tier

from .choices import Outcome, Request, Standing
from .rulebook import NeedsEscalation, PathTerms, PolicyTerms, rule_on_recording, tier_needed

GRANTS = (Outcome.GRANTED_WITHIN_PATH, Outcome.GRANTED_OUTSIDE_PATH)


class ReplayGroup(models.TextChoices):
    """What the draft would have changed for a past case; a case may fall in two groups."""

    DECIDED_SOONER = "decided_sooner", _("Escalations the recorder could have decided")
    PRESSURE_REMOVED = "pressure_removed", _("Grants outside any path the change now covers")
    NOW_REFUSED = "now_refused", _("Grants the change's limits would now refuse")
    NOW_FORBIDDEN = "now_forbidden", _("Grants a firm rule would now forbid")
    CONTRADICTED = "contradicted", _("Standing cases the change contradicts")


@dataclass(frozen=True)
class CaseFacts:
    """What a replay needs to know of a past case, as it was recorded and decided."""

    pk: int
    outcome: Outcome
    requested: Request
    path: PathTerms | None
    amount: Decimal | None
    recorded_by_tier: Tier | None
    standing: Standing = Standing.STANDING
    granted_amount: Decimal | None = None
    escalated_at: datetime.datetime | None = None
    decided_at: datetime.datetime | None = None
    decided_by_tier: Tier | None = None
    clock_paused: datetime.timedelta = datetime.timedelta(0)
    cited: bool = False

    @property
    def is_decided_grant(self) -> bool:
        return self.decided_at is not None and self.outcome in GRANTS

    @property
    def waited_hours(self) -> float:
        """Hours the escalated case waited for its decision, its waits for answers left out."""
        if self.escalated_at is None or self.decided_at is None:
            return 0.0
        waited = self.decided_at - self.escalated_at - self.clock_paused
        return max(waited.total_seconds() / 3600, 0.0)


def requested_of(*, outcome: Outcome, requested: str, has_path: bool) -> Request:
    """What the recorder asked for: as kept on the case, or, on cases recorded before it
    was kept, the outcome decided on the spot, or a grant in or outside a path."""
    if requested:
        return Request(requested)
    if outcome != Outcome.ESCALATED:
        return Request(outcome.value)
    return Request.GRANT_WITHIN_PATH if has_path else Request.GRANT_OUTSIDE_PATH


def matching_path(terms: PolicyTerms, path: PathTerms | None) -> PathTerms | None:
    """`terms`' copy of `path`: the path with the same id, else the one with the same name."""
    if path is None:
        return None
    if path.key is not None:
        for candidate in terms.paths:
            if candidate.key == path.key:
                return candidate
    for candidate in terms.paths:
        if candidate.name.casefold() == path.name.casefold():
            return candidate
    return None


def escalated_by_choice(case: CaseFacts, *, recorded_under: PolicyTerms) -> bool:
    """Whether the recorder escalated a case they could have decided: they asked for a
    second person, and would ask again under any version."""
    if case.escalated_at is None or case.recorded_by_tier is None:
        return False
    needed = tier_needed(
        terms=recorded_under, path=case.path, request=case.requested, amount=case.amount
    )
    return needed <= case.recorded_by_tier


def recording_under(terms: PolicyTerms, case: CaseFacts, *, by_choice: bool) -> Outcome | None:
    """What recording `case` under `terms` comes to, as the record form goes: decided on
    the spot by its recorder, or escalated (asked for, or needed). None when `terms` would
    not let it be recorded as it was asked (a firm rule asked to be bent, a path gone)."""
    recorder_tier = case.recorded_by_tier
    if recorder_tier is None:
        return None
    path = matching_path(terms, case.path)

    def record(*, escalate: bool) -> Outcome:
        return rule_on_recording(
            terms=terms,
            path=path,
            request=case.requested,
            amount=case.amount,
            recorder_tier=recorder_tier,
            escalate=escalate,
        ).outcome

    try:
        try:
            return record(escalate=by_choice)
        except NeedsEscalation:
            return record(escalate=True)
    except ValidationError:
        return None


def grant_needs_under(terms: PolicyTerms, case: CaseFacts) -> Tier:
    """The tier `terms` ask of whoever grants what the case was granted: within its
    path's copy in `terms` (or outside every path, when that copy is gone)."""
    path = matching_path(terms, case.path)
    outside = case.outcome == Outcome.GRANTED_OUTSIDE_PATH or path is None
    given = case.amount if case.granted_amount is None else case.granted_amount
    return tier_needed(
        terms=terms,
        path=None if outside else path,
        request=Request.GRANT_OUTSIDE_PATH if outside else Request.GRANT_WITHIN_PATH,
        amount=given,
    )


def covers_outside_grant(draft: PolicyTerms, case: CaseFacts, *, in_force: PolicyTerms):
    """Whether the draft adds a path, unknown to the version `in_force`, whose limit allows
    the amount granted outside every path."""
    given = case.amount if case.granted_amount is None else case.granted_amount
    return any(
        matching_path(in_force, path) is None
        and (path.limit is None or given is None or given <= path.limit)
        for path in draft.paths
    )


def decided_on_the_spot(terms: PolicyTerms, case: CaseFacts) -> bool:
    """Whether `case`'s recorder, had they not chosen to escalate, could have decided it
    themselves under `terms`."""
    return recording_under(terms, case, by_choice=False) not in (None, Outcome.ESCALATED)


def refuses_grant(terms: PolicyTerms, case: CaseFacts) -> bool:
    """Whether `terms` would refuse the grant within a path its decider made."""
    return (
        case.outcome == Outcome.GRANTED_WITHIN_PATH
        and case.decided_by_tier is not None
        and grant_needs_under(terms, case) > case.decided_by_tier
    )


def groups_of(
    case: CaseFacts,
    *,
    draft: PolicyTerms,
    recorded_under: PolicyTerms,
    live: PolicyTerms | None,
) -> set[ReplayGroup]:
    """What the draft would have changed for `case`, recorded under `recorded_under`, that
    the version in force (`live`, None before the policy's first) does not change already."""
    in_force = recorded_under if live is None else live
    groups = set()
    if (
        case.escalated_at is not None
        and case.decided_at is not None
        and not escalated_by_choice(case, recorded_under=recorded_under)
        and decided_on_the_spot(draft, case)
        and not decided_on_the_spot(in_force, case)
    ):
        groups.add(ReplayGroup.DECIDED_SOONER)
    if case.is_decided_grant:
        if draft.firm and not in_force.firm:
            groups.add(ReplayGroup.NOW_FORBIDDEN)
        elif refuses_grant(draft, case) and not refuses_grant(in_force, case):
            groups.add(ReplayGroup.NOW_REFUSED)
        elif (
            case.outcome == Outcome.GRANTED_OUTSIDE_PATH
            and case.cited
            and covers_outside_grant(draft, case, in_force=in_force)
        ):
            groups.add(ReplayGroup.PRESSURE_REMOVED)
    if case.standing == Standing.STANDING and groups & {
        ReplayGroup.NOW_REFUSED,
        ReplayGroup.NOW_FORBIDDEN,
    }:
        groups.add(ReplayGroup.CONTRADICTED)
    return groups


@dataclass
class Replay:
    """A draft's replay over the cases recorded since `since`: each group's cases, newest
    first, and the waiting hours the escalations it would have spared cost."""

    since: datetime.date
    cases_replayed: int = 0
    cases: dict[str, list[int]] = field(
        default_factory=lambda: {group.value: [] for group in ReplayGroup}
    )
    hours_saved: float = 0.0

    def summary(self) -> dict:
        """The headline figures, as JSON: what the approver saw, kept with the version."""
        return {
            "since": self.since.isoformat(),
            "cases_replayed": self.cases_replayed,
            "hours_saved": round(self.hours_saved, 1),
            **{group: len(ids) for group, ids in self.cases.items()},
        }


def replay(
    cases: Iterable[tuple[CaseFacts, PolicyTerms]],
    *,
    draft: PolicyTerms,
    live: PolicyTerms | None,
    since: datetime.date,
) -> Replay:
    """Replay the draft over each case with the terms it was recorded under, against the
    version in force, in one pass."""
    result = Replay(since=since)
    for case, recorded_under in cases:
        result.cases_replayed += 1
        for group in groups_of(case, draft=draft, recorded_under=recorded_under, live=live):
            result.cases[group.value].append(case.pk)
            if group == ReplayGroup.DECIDED_SOONER:
                result.hours_saved += case.waited_hours
    return result
