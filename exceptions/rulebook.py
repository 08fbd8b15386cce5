"""The rules of a case, as plain functions of plain values: no database, no request.

The case services apply them to a case as it stands in the database, the scale
seeder to the cases it invents: both decide the same way because they call the
same functions. The terms a case is judged by are those of the policy version it
was recorded under, read from that version's stored content.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from policies.choices import Flexibility, Tier
from policies.wording import amount_in_words

from .choices import Decision, Outcome, Request

# When no path promises a decision time, how long each tier takes to answer.
DEFAULT_DECISION_HOURS = {Tier.STAFF: 0, Tier.SUPERVISOR: 24, Tier.LEADERSHIP: 72}
FOLLOW_UP_AFTER_DAYS = 14


@dataclass(frozen=True)
class PathTerms:
    """What an exception path allows: who grants it, up to which limit, how fast.

    `key` is the path's id, by which another version's copy of the same path is
    found; two paths with the same terms are alike whatever their ids.
    """

    name: str
    tier: Tier
    limit: Decimal | None = None
    unit: str = ""
    decision_hours: int = 0
    key: int | None = field(default=None, compare=False)

    @classmethod
    def of(cls, path) -> "PathTerms":
        """The terms of an ExceptionPath, or of anything with its fields."""
        return cls(
            name=path.name,
            tier=Tier(path.authority),
            limit=None if path.limit_amount is None else Decimal(str(path.limit_amount)),
            unit=path.limit_unit,
            decision_hours=path.decision_hours or 0,
            key=path.pk,
        )

    @property
    def limit_display(self) -> str:
        """The cap in plain words: "50 EUR", "14 days", or "" when there is none."""
        return amount_in_words(self.limit, self.unit)


@dataclass(frozen=True)
class PolicyTerms:
    """What a policy version allows: whether it is firm, and its exception paths."""

    firm: bool
    paths: tuple[PathTerms, ...] = ()

    @classmethod
    def of_page(cls, policy) -> "PolicyTerms":
        """The terms of a policy page as it is loaded, with its exception paths."""
        return cls(
            firm=policy.flexibility == Flexibility.FIRM,
            paths=tuple(PathTerms.of(path) for path in policy.exception_paths.all()),
        )

    @classmethod
    def of_content(cls, content: dict) -> "PolicyTerms":
        """The terms of a policy revision, read from its stored content."""
        return cls(
            firm=content.get("flexibility") == Flexibility.FIRM,
            paths=tuple(
                PathTerms(
                    name=path["name"],
                    tier=Tier(path["authority"]),
                    limit=None
                    if path.get("limit_amount") is None
                    else Decimal(str(path["limit_amount"])),
                    unit=path.get("limit_unit", ""),
                    decision_hours=path.get("decision_hours") or 0,
                    key=path.get("pk"),
                )
                for path in content.get("exception_paths", [])
            ),
        )


class NeedsEscalation(Exception):
    """The recorder may not decide this case; it must go to `tier`."""

    def __init__(self, *, tier: Tier, message: str, decision_hours: int):
        super().__init__(message)
        self.tier = tier
        self.message = message
        self.decision_hours = decision_hours


@dataclass(frozen=True)
class Ruling:
    """What recording a case comes to: decided on the spot, or escalated to a tier."""

    outcome: Outcome
    tier: Tier


def tier_needed(
    *, terms: PolicyTerms, path: PathTerms | None, request: Request, amount: Decimal | None
) -> Tier:
    """The lowest tier that may grant (or uphold) what `request` asks for.

    Anyone may uphold a rule; only leadership grants outside every path. Within
    a path's limit its own authority decides. Over it, the lowest-ranked other
    path of higher authority whose limit (in the same unit) covers the amount
    decides; failing that, leadership.
    """
    if request == Request.UPHOLD:
        return Tier.STAFF
    if path is None or request == Request.GRANT_OUTSIDE_PATH:
        return Tier.LEADERSHIP
    if path.limit is None or amount is None or amount <= path.limit:
        return path.tier
    covering = [
        other.tier
        for other in terms.paths
        if other.tier > path.tier
        and other.unit == path.unit
        and (other.limit is None or amount <= other.limit)
    ]
    return min(covering) if covering else Tier.LEADERSHIP


def check_request(
    *, terms: PolicyTerms, path: PathTerms | None, request: Request, amount: Decimal | None
) -> None:
    """Raise ValidationError, keyed by the record form's fields, when the request
    contradicts the policy's terms: a firm rule is never bent."""
    if terms.firm and request != Request.UPHOLD:
        raise ValidationError({"decision": firm_rule_message()})
    if (request == Request.GRANT_WITHIN_PATH) != (path is not None) or (
        path is not None and path not in terms.paths
    ):
        raise ValidationError({"decision": _("Choose one of this policy's exception paths.")})
    if path is not None and path.limit is not None and amount is None:
        raise ValidationError(
            {
                "amount": _("Enter the amount: this path has a limit of %(limit)s.")
                % {"limit": path.limit_display}
            }
        )


def firm_rule_message() -> str:
    return _("This rule is firm: it is never bent. Only “rule upheld” can be recorded.")


def rule_on_recording(
    *,
    terms: PolicyTerms,
    path: PathTerms | None,
    request: Request,
    amount: Decimal | None,
    recorder_tier: Tier,
    escalate: bool,
) -> Ruling:
    """Decide what recording this case comes to.

    The recorder decides it when their tier covers what it needs and they did
    not ask for a second person; otherwise it is escalated, at least one tier
    above the recorder, or NeedsEscalation says who is needed when they did not
    ask to escalate. A firm rule has nothing to escalate: it is upheld on the spot.
    """
    check_request(terms=terms, path=path, request=request, amount=amount)
    needed = tier_needed(terms=terms, path=path, request=request, amount=amount)
    if escalate and terms.firm:
        raise ValidationError(
            {
                "decision": _(
                    "This rule is firm: there is nothing to escalate. "
                    "Record how you upheld it, so the next person can learn from it."
                )
            }
        )
    if escalate:
        return Ruling(Outcome.ESCALATED, Tier(max(needed, min(recorder_tier + 1, Tier.LEADERSHIP))))
    if needed > recorder_tier:
        raise NeedsEscalation(
            tier=needed,
            message=authority_message(path=path, amount=amount, needed=needed),
            decision_hours=promised_hours(path=path, tier=needed),
        )
    return Ruling(Outcome(request.value), recorder_tier)


def rule_on_decision(
    *,
    terms: PolicyTerms,
    path: PathTerms | None,
    amount: Decimal | None,
    decision: Decision,
    decider_tier: Tier,
    granted: Decimal | None = None,
) -> Outcome:
    """The outcome a decider's decision gives an escalated case, or ValidationError.

    Granting means granting within the case's path when it has one, outside
    every path when it has none; it needs a decider whose tier covers it, and
    never bends a firm rule. Anyone who may decide the case may uphold the rule.
    A decider may grant less than was asked (see check_granted_amount); their
    authority is then judged on what they grant.
    """
    check_granted_amount(
        asked=amount, granted=granted, decision=decision, unit="" if path is None else path.unit
    )
    if decision == Decision.UPHOLD:
        return Outcome.UPHELD
    if terms.firm:
        raise ValidationError({"decision": _("This rule is firm: it is never bent.")})
    request = Request.GRANT_OUTSIDE_PATH if path is None else Request.GRANT_WITHIN_PATH
    given = amount if granted is None else granted
    needed = tier_needed(terms=terms, path=path, request=request, amount=given)
    if needed > decider_tier:
        raise ValidationError(
            {"decision": authority_message(path=path, amount=given, needed=needed)}
        )
    return Outcome(request.value)


def check_granted_amount(
    *, asked: Decimal | None, granted: Decimal | None, decision: Decision, unit: str = ""
) -> None:
    """Raise ValidationError, keyed by the decide form's field, unless the amount granted
    is empty (all that was asked, or nothing when upholding) or more than nothing and
    less than the amount asked, in the same unit."""
    if granted is None:
        return
    if decision != Decision.GRANT:
        message = _("Only a grant has an amount; leave it empty to uphold the rule.")
    elif asked is None:
        message = _("This case asked for no amount, so there is nothing smaller to grant.")
    elif granted <= 0:
        message = _("Grant more than nothing, or uphold the rule instead.")
    elif granted >= asked:
        message = _("Grant less than the %(asked)s asked, or leave this empty to grant it all.") % {
            "asked": amount_in_words(asked, unit)
        }
    else:
        return
    raise ValidationError({"granted_amount": message})


def granted_in_words(*, granted: Decimal, asked: Decimal | None, unit: str) -> str:
    """A smaller grant as people say it: "Granted 40 of 60 days asked"."""
    return _("Granted %(granted)s of %(asked)s asked") % {
        "granted": amount_in_words(granted),
        "asked": amount_in_words(asked, unit),
    }


def clock_paused_after_answer(
    *, paused: datetime.timedelta, asked_at: datetime.datetime, answered_at: datetime.datetime
) -> datetime.timedelta:
    """The time a case has waited for answers, once the latest question is answered:
    the decision is due that much later. A clock set back never takes time away."""
    return paused + max(answered_at - asked_at, datetime.timedelta(0))


def recorded_fields(
    *, ruling: Ruling, recorder, recorder_tier: Tier, at: datetime.datetime
) -> dict:
    """The fields recording sets on a new case, by what the ruling came to: the tier it
    waits for when escalated, or who decided it on the spot, and when. The recorder's
    tier is kept either way, so a replay knows who could have decided it."""
    recorded = {"recorded_by_tier": recorder_tier}
    if ruling.outcome == Outcome.ESCALATED:
        return {
            **recorded,
            "outcome": Outcome.ESCALATED,
            "escalated_to_tier": ruling.tier,
            "escalated_at": at,
        }
    return {
        **recorded,
        "outcome": ruling.outcome,
        **decided_fields(decider=recorder, tier=ruling.tier, at=at),
    }


def path_fields(path) -> dict:
    """The exception path (an ExceptionPath or None) copied onto a new case as it stands,
    so the case reads the same after the path is edited or removed."""
    if path is None:
        return {"exception_path": None}
    return {
        "exception_path": path,
        "path_name": path.name,
        "path_tier": path.authority,
        "path_limit_amount": path.limit_amount,
        "path_limit_unit": path.limit_unit,
        "path_decision_hours": path.decision_hours,
    }


def decided_fields(*, decider, tier: Tier, at: datetime.datetime) -> dict:
    """Who decided a case, at which tier and when, and the day its follow-up is due."""
    return {
        "decided_by": decider,
        "decided_by_tier": tier,
        "decided_at": at,
        "follow_up_due": follow_up_date(at),
    }


def follow_up_date(decided_at: datetime.datetime) -> datetime.date:
    """The day to ask whether a decision worked: two weeks after it, in the portal's zone."""
    return timezone.localdate(decided_at) + datetime.timedelta(days=FOLLOW_UP_AFTER_DAYS)


def recording_reason(ruling: Ruling) -> str:
    """What a new case's first history entry says happened."""
    if ruling.outcome == Outcome.ESCALATED:
        return _("Recorded and escalated to %(tier)s") % {"tier": ruling.tier.label.lower()}
    return _("Recorded")


def decision_reason(outcome: Outcome, *, smaller_grant: str = "") -> str:
    """What the history entry of an escalated case's decision says; `smaller_grant`
    says how much of the amount asked was granted, when not all of it."""
    reason = _("Decided: %(outcome)s") % {"outcome": Outcome(outcome).label}
    return f"{reason}. {smaller_grant}" if smaller_grant else reason


def promised_hours(*, path: PathTerms | None, tier: Tier | None) -> int:
    """How fast a case escalated to `tier` should be answered: its path's promise,
    when the path itself belongs to that tier, or else the tier's usual time."""
    if path is not None and path.decision_hours and path.tier == tier:
        return path.decision_hours
    return DEFAULT_DECISION_HOURS.get(tier, 24) if tier is not None else 24


def authority_message(*, path: PathTerms | None, amount: Decimal | None, needed: Tier) -> str:
    """Explain in plain words why this case needs someone of tier `needed`."""
    who = _("a supervisor") if needed == Tier.SUPERVISOR else _("leadership")
    if path is None:
        return _("Granting outside any path needs %(who)s.") % {"who": who}
    if path.limit is not None and amount is not None and amount > path.limit:
        return _("This needs %(who)s: the limit is %(limit)s, you entered %(amount)s.") % {
            "who": who,
            "limit": path.limit_display,
            "amount": amount_in_words(amount, path.unit),
        }
    granter = {
        Tier.STAFF: _("staff"),
        Tier.SUPERVISOR: _("a supervisor"),
        Tier.LEADERSHIP: _("leadership"),
    }[path.tier]
    return _("This needs %(who)s: “%(path)s” may only be granted by %(granter)s.") % {
        "who": who,
        "path": path.name,
        "granter": granter,
    }
