"""Writes on precedent cases. Every rule about who may do what is enforced here."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from policies.choices import Tier
from policies.models import ExceptionPath, PolicyPage

from .authority import authority_message, tier_needed_for_path, user_tier
from .choices import Decision, Outcome, Standing
from .models import Precedent
from .notifications import announce_case

FOLLOW_UP_AFTER_DAYS = 14
EDITABLE_WHILE_ESCALATED = ("situation", "rationale", "channel")


class NeedsEscalation(Exception):
    """The recorder may not decide this case; it must go to `tier`."""

    def __init__(self, *, tier: Tier, message: str, decision_hours: int):
        super().__init__(message)
        self.tier = tier
        self.message = message
        self.decision_hours = decision_hours


class EditConflict(Exception):
    """Someone changed the case after the editor loaded it; their change would be lost."""

    def __init__(self, *, current: Precedent, since_version: int):
        super().__init__(f"Case {current.pk} changed since version {since_version}.")
        self.current = current
        self.since_version = since_version


class AlreadyDecided(Exception):
    """Someone else decided the case first."""

    def __init__(self, precedent: Precedent):
        super().__init__(f"Case {precedent.pk} is already decided.")
        self.precedent = precedent


def required_tier(
    *, policy: PolicyPage, path: ExceptionPath | None, granted: bool, amount: Decimal | None
) -> Tier:
    """The lowest tier that may decide this case as described."""
    if path is not None:
        return tier_needed_for_path(
            path=path, amount=amount, sibling_paths=list(policy.exception_paths.all())
        )
    return Tier.LEADERSHIP if granted else Tier.STAFF


def validate_case(
    *, policy: PolicyPage, path: ExceptionPath | None, granted: bool, amount: Decimal | None
) -> None:
    """Raise ValidationError (keyed by form field) when the case contradicts its policy."""
    if policy.is_firm and (path is not None or granted):
        raise ValidationError(
            {
                "decision": _(
                    "This rule is firm: it is never bent. Only “rule upheld” can be recorded."
                )
            }
        )
    if path is not None and path.page_id != policy.pk:
        raise ValidationError({"decision": _("Choose one of this policy's exception paths.")})
    if path is not None and path.limit_amount is not None and amount is None:
        raise ValidationError(
            {
                "amount": _("Enter the amount: this path has a limit of %(limit)s.")
                % {"limit": path.limit_display}
            }
        )


@transaction.atomic
def record_precedent(
    *,
    policy: PolicyPage,
    recorder,
    path: ExceptionPath | None,
    granted: bool,
    amount: Decimal | None,
    situation: str,
    rationale: str,
    channel: str,
    tags: list[str] | tuple[str, ...] = (),
    escalate: bool = False,
) -> Precedent:
    """Record a case under the policy version in force now, or escalate it.

    Raises NeedsEscalation when the recorder's tier is below what the case
    needs and `escalate` is not set: nobody decides beyond their authority.
    """
    tier = user_tier(recorder)
    if tier is None:
        raise PermissionDenied(_("Only staff, supervisors, owners and leadership record cases."))
    if not policy.live or policy.live_revision_id is None:
        raise ValidationError({"policy": _("Cases can only be recorded under a published policy.")})
    validate_case(policy=policy, path=path, granted=granted, amount=amount)
    needed = required_tier(policy=policy, path=path, granted=granted, amount=amount)
    precedent = Precedent(
        policy=policy,
        policy_revision_id=policy.live_revision_id,
        situation=situation,
        amount=amount,
        rationale=rationale,
        channel=channel,
        recorded_by=recorder,
    )
    _snapshot_path(precedent, path)
    now = timezone.now()
    if needed > tier or escalate:
        if not escalate:
            raise NeedsEscalation(
                tier=needed,
                message=authority_message(path=path, amount=amount, needed=needed),
                decision_hours=_promised_hours(path, needed),
            )
        precedent.outcome = Outcome.ESCALATED
        precedent.escalated_to_tier = max(needed, min(tier + 1, Tier.LEADERSHIP))
        precedent.escalated_at = now
        precedent._change_reason = _("Recorded and escalated to %(tier)s") % {
            "tier": Tier(precedent.escalated_to_tier).label.lower()
        }
    else:
        if path is not None:
            precedent.outcome = Outcome.GRANTED_WITHIN_PATH
        else:
            precedent.outcome = Outcome.GRANTED_OUTSIDE_PATH if granted else Outcome.UPHELD
        _mark_decided(precedent, decider=recorder, tier=tier, at=now)
        precedent._change_reason = _("Recorded")
    precedent._history_user = recorder
    precedent.full_clean()
    precedent.save()
    if tags:
        precedent.tags.set(list(tags))
    announce_case(precedent=precedent)
    return precedent


def decide_escalation(
    *, precedent: Precedent, decider, decision: Decision, rationale: str
) -> Precedent:
    """Decide an escalated case; exactly one of two simultaneous deciders wins.

    The case is claimed with a conditional update, which is atomic on every
    database, so a second decider gets AlreadyDecided instead of overwriting.
    """
    tier = user_tier(decider)
    if tier is None or precedent.escalated_to_tier is None or tier < precedent.escalated_to_tier:
        raise PermissionDenied(_("This case needs a decider of a higher tier."))
    if decision == Decision.GRANT:
        outcome = (
            Outcome.GRANTED_WITHIN_PATH if precedent.path_name else Outcome.GRANTED_OUTSIDE_PATH
        )
    else:
        outcome = Outcome.UPHELD
    now = timezone.now()
    with transaction.atomic():
        claimed = Precedent.objects.filter(pk=precedent.pk, outcome=Outcome.ESCALATED).update(
            outcome=outcome,
            decided_by=decider,
            decided_by_tier=tier,
            decided_at=now,
            version=F("version") + 1,
        )
        if not claimed:
            raise AlreadyDecided(Precedent.objects.get(pk=precedent.pk))
        decided = Precedent.objects.get(pk=precedent.pk)
        decided.decision_rationale = rationale
        decided.follow_up_due = _follow_up_date(now)
        decided._change_reason = _("Decided: %(outcome)s") % {
            "outcome": decided.get_outcome_display()
        }
        decided._history_user = decider
        decided.save()
        announce_case(precedent=decided)
    return decided


@transaction.atomic
def update_escalated_precedent(
    *, precedent: Precedent, editor, changes: dict, reason: str, expected_version: int
):
    """Let the recorder correct a case that is still waiting for a decision.

    `expected_version` is the version the editor saw; if the case changed since,
    EditConflict is raised and nothing is saved.
    """
    if precedent.recorded_by_id != editor.pk or not precedent.is_escalated:
        raise PermissionDenied(_("Only the recorder may edit a case, and only while it waits."))
    for field in EDITABLE_WHILE_ESCALATED:
        if field in changes:
            setattr(precedent, field, changes[field])
    precedent.full_clean()
    _save_change(precedent, actor=editor, reason=reason, expected_version=expected_version)
    if "tags" in changes:
        precedent.tags.set(list(changes["tags"]))
    return precedent


@transaction.atomic
def record_follow_up(*, precedent: Precedent, user, result: str, notes: str) -> Precedent:
    """Record what happened after the decision: did bending (or not) work?"""
    if precedent.recorded_by_id != user.pk:
        raise PermissionDenied(_("Only the person who recorded the case records its follow-up."))
    if not precedent.is_decided:
        raise ValidationError(_("A case gets its follow-up once it is decided."))
    precedent.follow_up_result = result
    precedent.follow_up_notes = notes
    precedent.followed_up_at = timezone.now()
    _save_change(precedent, actor=user, reason=_("Follow-up recorded"))
    return precedent


@transaction.atomic
def withdraw_precedent(*, precedent: Precedent, user, reason: str) -> Precedent:
    """Withdraw a case so it no longer counts; it stays on record with the reason."""
    if precedent.recorded_by_id != user.pk and user_tier(user) != Tier.LEADERSHIP:
        raise PermissionDenied(_("Only the recorder or leadership may withdraw a case."))
    precedent.standing = Standing.WITHDRAWN
    precedent.withdrawn_reason = reason
    _save_change(precedent, actor=user, reason=_("Withdrawn: %(reason)s") % {"reason": reason})
    return precedent


def may_change_standing(*, precedent: Precedent, user) -> bool:
    return user_tier(user) == Tier.LEADERSHIP or precedent.policy.owner_id == user.pk


@transaction.atomic
def change_standing(*, precedent: Precedent, user, standing: str, reason: str) -> Precedent:
    """Owners of the case's policy and leadership set whether a case still stands."""
    if not may_change_standing(precedent=precedent, user=user):
        raise PermissionDenied(_("Only the policy's owner or leadership may change a standing."))
    precedent.standing = standing
    _save_change(precedent, actor=user, reason=reason)
    return precedent


@transaction.atomic
def codify_cited_cases(*, revision) -> list[Precedent]:
    """Mark the standing cases a just-published revision cites as codified by it.

    The change is recorded in each case's history, by whoever published (the
    approver, through the request), with the version's summary as the reason.
    """
    note = getattr(revision, "policy_note", None)
    if note is None:
        return []
    codified = []
    for case in note.driven_by.filter(standing=Standing.STANDING):
        case.standing = Standing.CODIFIED
        _save_change(
            case,
            actor=None,
            reason=_("Codified by a new version of the policy: %(summary)s")
            % {"summary": note.summary},
        )
        codified.append(case)
    return codified


def _save_change(
    precedent: Precedent, *, actor, reason: str, expected_version: int | None = None
) -> None:
    """Save one change to a case, with its history entry, unless someone changed it first.

    The version is claimed with a conditional update, which is atomic on every
    database: of two people saving on the same version, the second gets
    EditConflict instead of silently overwriting the first.
    """
    expected = precedent.version if expected_version is None else expected_version
    claimed = Precedent.objects.filter(pk=precedent.pk, version=expected).update(
        version=expected + 1
    )
    if not claimed:
        raise EditConflict(current=Precedent.objects.get(pk=precedent.pk), since_version=expected)
    precedent.version = expected + 1
    precedent._change_reason = reason
    if actor is not None:
        # Otherwise simple-history takes the user of the request in progress.
        precedent._history_user = actor
    precedent.save()


def _snapshot_path(precedent: Precedent, path: ExceptionPath | None) -> None:
    precedent.exception_path = path
    if path is not None:
        precedent.path_name = path.name
        precedent.path_tier = path.authority
        precedent.path_limit_amount = path.limit_amount
        precedent.path_limit_unit = path.limit_unit
        precedent.path_decision_hours = path.decision_hours


def _mark_decided(precedent: Precedent, *, decider, tier: Tier, at: datetime.datetime) -> None:
    precedent.decided_by = decider
    precedent.decided_by_tier = tier
    precedent.decided_at = at
    precedent.follow_up_due = _follow_up_date(at)


def _follow_up_date(decided_at: datetime.datetime) -> datetime.date:
    return timezone.localdate(decided_at) + datetime.timedelta(days=FOLLOW_UP_AFTER_DAYS)


def _promised_hours(path: ExceptionPath | None, tier: Tier) -> int:
    """Mirror Precedent.promised_decision_hours for a case not yet saved."""
    return Precedent(
        path_tier=path.authority if path else None,
        path_decision_hours=path.decision_hours if path else None,
        escalated_to_tier=tier,
    ).promised_decision_hours
