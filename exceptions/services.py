"""Writes on precedent cases: every change to a case goes through this module.

Recording judges the new case by the rules of exceptions.rulebook under the
policy version in force. Every later change (escalation decided, correction,
follow-up, withdrawal, standing, codification) goes through `_change`, which
locks the case, asks the predicate of exceptions.permissions about the case as
it stands now, refuses a form shown before the latest change, and saves the
change with its history entry (who, when, why) in one transaction.
"""

import uuid
from collections.abc import Callable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from policies.models import ExceptionPath, PolicyPage
from portal import freshness

from . import permissions, selectors
from .choices import Decision, Outcome, Request, Standing
from .models import Precedent
from .notifications import announce_case
from .refusals import AlreadyRecorded, CaseActionRefused, EditConflict, RecordedLately
from .rulebook import (
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

EDITABLE_WHILE_ESCALATED = ("situation", "rationale", "channel")
# What owners and leadership may set by hand; codified and withdrawn have their own actions.
STANDINGS_SET_BY_HAND = (Standing.STANDING, Standing.SUPERSEDED, Standing.OVERRULED)


@transaction.atomic
def record_precedent(
    *,
    policy: PolicyPage,
    recorder,
    path: ExceptionPath | None,
    requested: Request,
    amount: Decimal | None,
    situation: str,
    rationale: str,
    channel: str,
    tags: list[str] | tuple[str, ...] = (),
    escalate: bool = False,
    submission_token: uuid.UUID | None = None,
    ask_before_repeating: bool = False,
) -> Precedent:
    """Record a case under the policy version in force now, decided or escalated.

    Raises NeedsEscalation when the recorder's tier is below what the case
    needs and `escalate` is not set: nobody decides beyond their authority.
    With `escalate` the case goes to someone else, whatever the recorder's tier.
    A `submission_token` already used by the recorder raises AlreadyRecorded
    with the case it recorded: a form sent twice records one case. With
    `ask_before_repeating`, the same situation recorded by the same person
    minutes ago raises RecordedLately (see selectors.same_case_recorded_lately).
    """
    if not permissions.may_record(recorder):
        raise PermissionDenied(_("Only staff, supervisors, owners and leadership record cases."))
    if submission_token is not None:
        _refuse_a_second_submission(recorder=recorder, submission_token=submission_token)
    if ask_before_repeating:
        earlier = selectors.same_case_recorded_lately(
            recorder=recorder, policy=policy, situation=situation
        )
        if earlier is not None:
            raise RecordedLately(earlier)
    if not policy.live or policy.live_revision_id is None:
        raise ValidationError({"policy": _("Cases can only be recorded under a published policy.")})
    if path is not None and path.page_id != policy.pk:
        raise ValidationError({"decision": _("Choose one of this policy's exception paths.")})
    recorder_tier = permissions.acting_tier(recorder)
    ruling = rule_on_recording(
        terms=PolicyTerms.of_page(policy),
        path=None if path is None else PathTerms.of(path),
        request=Request(requested),
        amount=amount,
        recorder_tier=recorder_tier,
        escalate=escalate,
    )
    if ruling.outcome == Outcome.ESCALATED and not (
        permissions.deciders_at(ruling.tier).exclude(pk=recorder.pk).exists()
    ):
        raise ValidationError(
            {
                "decision": _(
                    "Nobody else can decide this: you are the only one in %(tier)s. "
                    "Record your own decision instead."
                )
                % {"tier": ruling.tier.label.lower()}
            }
        )
    now = timezone.now()
    precedent = Precedent(
        policy=policy,
        policy_revision_id=policy.live_revision_id,
        situation=situation,
        amount=amount,
        requested_outcome=requested,
        rationale=rationale,
        channel=channel,
        recorded_by=recorder,
        recorded_at=now,
        submission_token=submission_token,
        **path_fields(path),
        **recorded_fields(ruling=ruling, recorder=recorder, recorder_tier=recorder_tier, at=now),
    )
    precedent._change_reason = recording_reason(ruling)
    precedent._history_user = recorder
    precedent.full_clean()
    try:
        # A savepoint: the twin of a submission still in flight fails here, not the request.
        with transaction.atomic():
            precedent.save()
    except IntegrityError:
        if submission_token is not None:
            _refuse_a_second_submission(recorder=recorder, submission_token=submission_token)
        raise
    if tags:
        precedent.tags.set(list(tags))
    announce_case(precedent=precedent)
    return precedent


def decide_escalation(
    *,
    precedent: Precedent,
    decider,
    decision: Decision,
    rationale: str,
    expected_change_count: int,
    granted_amount: Decimal | None = None,
) -> Precedent:
    """Decide an escalated case; of two simultaneous deciders exactly one wins.

    The decision is judged by the terms of the version the case was recorded
    under; a rule made firm since is firm for it too. A `granted_amount` grants
    less than was asked (see rulebook.check_granted_amount).
    """

    def decide(case: Precedent) -> str:
        tier = permissions.acting_tier(decider)
        case.outcome = rule_on_decision(
            terms=case_terms(case),
            path=case.path_terms,
            amount=case.amount,
            decision=Decision(decision),
            decider_tier=tier,
            granted=granted_amount,
        )
        for name, value in decided_fields(decider=decider, tier=tier, at=timezone.now()).items():
            setattr(case, name, value)
        case.decision_rationale = rationale
        case.granted_amount = granted_amount
        return decision_reason(case.outcome, smaller_grant=case.smaller_grant_display)

    decided = _change(
        precedent,
        actor=decider,
        refusal=permissions.decide_refusal,
        expected_change_count=expected_change_count,
        apply=decide,
    )
    announce_case(precedent=decided)
    return decided


def update_escalated_precedent(
    *, precedent: Precedent, editor, changes: dict, reason: str, expected_change_count: int
) -> Precedent:
    """Let the recorder correct a case that is still waiting for a decision.

    `expected_change_count` is the change count the editor's form was shown; if the
    case changed since, EditConflict is raised and nothing is saved.
    """

    def correct(case: Precedent) -> str:
        for field in EDITABLE_WHILE_ESCALATED:
            if field in changes:
                setattr(case, field, changes[field])
        case.full_clean()
        return reason

    corrected = _change(
        precedent,
        actor=editor,
        refusal=permissions.edit_refusal,
        expected_change_count=expected_change_count,
        apply=correct,
    )
    if "tags" in changes:
        corrected.tags.set(list(changes["tags"]))
    return corrected


def record_follow_up(
    *, precedent: Precedent, user, result: str, notes: str, expected_change_count: int
) -> Precedent:
    """Record what happened after the decision: did bending (or not) work?"""

    def follow_up(case: Precedent) -> str:
        case.follow_up_result = result
        case.follow_up_notes = notes
        case.followed_up_at = timezone.now()
        return _("Follow-up recorded")

    return _change(
        precedent,
        actor=user,
        refusal=permissions.follow_up_refusal,
        expected_change_count=expected_change_count,
        apply=follow_up,
    )


def withdraw_precedent(
    *, precedent: Precedent, user, reason: str, expected_change_count: int
) -> Precedent:
    """Withdraw a case so it no longer counts; it stays on record with the reason."""

    def withdraw(case: Precedent) -> str:
        case.standing = Standing.WITHDRAWN
        case.withdrawn_reason = reason
        return _("Withdrawn: %(reason)s") % {"reason": reason}

    return _change(
        precedent,
        actor=user,
        refusal=permissions.withdraw_refusal,
        expected_change_count=expected_change_count,
        apply=withdraw,
    )


def change_standing(
    *, precedent: Precedent, user, standing: str, reason: str, expected_change_count: int
) -> Precedent:
    """Owners of the case's policy and leadership set whether a decided case still stands."""
    if standing not in STANDINGS_SET_BY_HAND:
        raise ValidationError(
            {"standing": _("Choose standing, superseded or overruled; a case is withdrawn apart.")}
        )

    def set_standing(case: Precedent) -> str:
        case.standing = standing
        return reason

    return _change(
        precedent,
        actor=user,
        refusal=permissions.standing_refusal,
        expected_change_count=expected_change_count,
        apply=set_standing,
    )


@transaction.atomic
def codify_cited_cases(*, revision) -> list[Precedent]:
    """Mark the decided, standing cases a just-published revision cites as codified by it.

    The change is recorded in each case's history, by whoever published (the
    approver, through the request), with the version's summary as the reason.
    A cited case still waiting, withdrawn or no longer standing is left as it is.
    """
    note = getattr(revision, "policy_note", None)
    if note is None:
        return []
    return _set_standings(
        note.driven_by.filter(standing=Standing.STANDING, decided_at__isnull=False),
        standing=Standing.CODIFIED,
        reason=_("Codified by a new version of the policy: %(summary)s")
        % {"summary": note.summary},
        actor=None,
        refusal=permissions.codify_refusal,
    )


def supersede_cases(*, case_ids: list[int], user, reason: str) -> list[Precedent]:
    """Mark the decided cases of `case_ids` that still stand as superseded, each change in
    its case's history with `reason`; return those marked. Cases that no longer stand, or
    that `user` may not set the standing of, are left as they are."""
    return _set_standings(
        Precedent.objects.filter(pk__in=case_ids, standing=Standing.STANDING),
        standing=Standing.SUPERSEDED,
        reason=reason,
        actor=user,
        refusal=permissions.supersede_refusal,
    )


def _set_standings(cases, *, standing: Standing, reason: str, actor, refusal) -> list[Precedent]:
    """Set each case's standing through _change; those `refusal` refuses are left out."""

    def set_standing(case: Precedent) -> str:
        case.standing = standing
        return reason

    changed = []
    for case in cases:
        try:
            changed.append(
                _change(
                    case,
                    actor=actor,
                    refusal=refusal,
                    expected_change_count=None,
                    apply=set_standing,
                )
            )
        except CaseActionRefused:
            continue
    return changed


def mark_decision_seen(*, precedent: Precedent, user) -> None:
    """Note that the recorder has opened their case since someone else decided it.

    A reading, not a change: it leaves the case's history and change count alone.
    """
    if (
        precedent.recorded_by_id == user.pk
        and precedent.escalated_at is not None
        and precedent.decided_at is not None
        and precedent.decision_seen_at is None
    ):
        precedent.decision_seen_at = timezone.now()
        Precedent.objects.filter(pk=precedent.pk, decision_seen_at__isnull=True).update(
            decision_seen_at=precedent.decision_seen_at
        )
        # The recorder's home page no longer lists it as news.
        freshness.bump(freshness.CASES)


def case_terms(case: Precedent) -> PolicyTerms:
    """The terms a case is judged by: those of the version it was recorded under,
    firm also when the policy has been made firm since."""
    terms = PolicyTerms.of_content(case.policy_revision.content)
    if case.policy.is_firm and not terms.firm:
        return PolicyTerms(firm=True, paths=terms.paths)
    return terms


def _change(
    precedent: Precedent,
    *,
    actor,
    refusal: Callable[[object, Precedent], str | None],
    expected_change_count: int | None,
    apply: Callable[[Precedent], str],
) -> Precedent:
    """Apply one change to the case as it stands in the database, or refuse it.

    The case is read afresh under a row lock, so a stale copy in memory is never
    written back and two changes at once happen one after the other. `refusal`
    judges the fresh case; a form shown before the latest change (its count is
    not `expected_change_count`) raises EditConflict. `apply` makes the change and
    returns the reason kept in the history.
    """
    with transaction.atomic():
        case = Precedent.objects.select_for_update().get(pk=precedent.pk)
        why_not = refusal(actor, case)
        if why_not is not None:
            raise CaseActionRefused(why_not, case=case)
        if expected_change_count is not None and case.change_count != expected_change_count:
            raise EditConflict(current=case, since_change=expected_change_count)
        case._change_reason = apply(case)
        case.change_count += 1
        if actor is not None:
            # Otherwise simple-history takes the user of the request in progress.
            case._history_user = actor
        case.save()
    return case


def _refuse_a_second_submission(*, recorder, submission_token: uuid.UUID) -> None:
    recorded = Precedent.objects.filter(
        recorded_by=recorder, submission_token=submission_token
    ).first()
    if recorded is not None:
        raise AlreadyRecorded(recorded)
