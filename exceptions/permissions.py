"""Who may do what with cases: each question answered in one place, by name.

The services enforce these predicates; views and templates ask them and never
work a permission out for themselves. Each `*_refusal` function judges a case
as it stands now and returns why the user may not act on it, in words to show
them, or None when they may; `may_*` is its yes-or-no form.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from policies.choices import Tier
from portal import roles
from portal.access import role_names
from portal.people import display_name

from .choices import Standing

VIEW_CASES = "exceptions.view_precedent"
RECORD_CASES = "exceptions.add_precedent"
DECIDE_CASES = "exceptions.decide_precedent"
CHANGE_CASES = "exceptions.change_precedent"
IMPORT_CASES = "exceptions.import_precedent"

ROLE_TIERS = {
    roles.LEADERSHIP: Tier.LEADERSHIP,
    roles.SUPERVISORS: Tier.SUPERVISOR,
    roles.POLICY_OWNERS: Tier.STAFF,
    roles.STAFF: Tier.STAFF,
}


def user_tier(user) -> Tier | None:
    """Return the highest decision tier the user's roles give, or None for no role."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return Tier.LEADERSHIP
    if hasattr(user, "_portal_tier"):
        return user._portal_tier
    names = role_names(user)
    tiers = [tier for role, tier in ROLE_TIERS.items() if role in names]
    user._portal_tier = max(tiers) if tiers else None
    return user._portal_tier


def acting_tier(user) -> Tier:
    """The tier of someone acting on a case, whom a predicate here has already let act.

    Every predicate that lets a person record or decide requires a role, so the
    refusal below is the last guard, never the first.
    """
    tier = user_tier(user)
    if tier is None:
        raise PermissionDenied(_("Only people with a role in the portal act on cases."))
    return tier


def deciders_at(tier: Tier) -> QuerySet:
    """Active people who may decide a case escalated to `tier`: their role's tier
    covers it (administrators cover every tier)."""
    roles_covering = [role for role, role_tier in ROLE_TIERS.items() if role_tier >= tier]
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name__in=roles_covering) | Q(is_superuser=True))
        .distinct()
    )


def may_view_cases(user) -> bool:
    return user.has_perm(VIEW_CASES)


def may_record(user) -> bool:
    return user.has_perm(RECORD_CASES) and user_tier(user) is not None


def may_decide_escalations(user) -> bool:
    """Whether the user decides escalated cases at all: supervisors and leadership."""
    return user.has_perm(DECIDE_CASES) and (user_tier(user) or 0) >= Tier.SUPERVISOR


def decide_refusal(user, case) -> str | None:
    """Deciding: an escalation still waiting, by someone of its tier who did not raise it."""
    if not may_decide_escalations(user):
        return _("Only supervisors and leadership decide escalated cases.")
    if case.is_withdrawn:
        return _("This case was withdrawn: it waits for no decision.")
    if not case.is_escalated:
        return _("%(name)s decided this case first; their decision stands.") % {
            "name": display_name(case.decided_by)
        }
    if case.recorded_by_id == user.pk:
        return _("You raised this escalation, so someone else decides it.")
    if user_tier(user) < case.escalated_to_tier:
        return _("This case waits for %(tier)s to decide it.") % {
            "tier": Tier(case.escalated_to_tier).label.lower()
        }
    if case.is_awaiting_answer:
        return _("This case waits for %(name)s to answer a question; decide it once they have.") % {
            "name": display_name(case.recorded_by)
        }
    return None


def ask_refusal(user, case) -> str | None:
    """Asking the recorder a question: whoever may decide the case now, so never one
    that is decided, withdrawn or already waiting for an answer."""
    return decide_refusal(user, case)


def answer_refusal(user, case) -> str | None:
    """Answering a decider's question: only the case's recorder, while it waits for them."""
    if case.recorded_by_id != user.pk:
        return _("Only the person who recorded the case answers questions about it.")
    if case.is_withdrawn:
        return _("This case was withdrawn; it needs no answer.")
    if not case.is_awaiting_answer:
        return _("No question on this case waits for your answer.")
    return None


def edit_refusal(user, case) -> str | None:
    """Correcting: only its recorder, and only while it waits for a decision."""
    if case.recorded_by_id != user.pk:
        return _("Only the person who recorded a case may correct it.")
    if case.is_withdrawn:
        return _("This case was withdrawn; it can no longer be corrected.")
    if not case.is_escalated:
        return _("A case can be corrected only while it waits for a decision.")
    return None


def follow_up_refusal(user, case) -> str | None:
    """Following up: only its recorder, once it is decided, unless it was withdrawn."""
    if case.recorded_by_id != user.pk:
        return _("Only the person who recorded the case records its follow-up.")
    if case.is_withdrawn:
        return _("This case was withdrawn; it takes no follow-up.")
    if not case.is_decided:
        return _("A case gets its follow-up once it is decided.")
    return None


def withdraw_refusal(user, case) -> str | None:
    """Withdrawing: its recorder or leadership, once."""
    if case.recorded_by_id != user.pk and user_tier(user) != Tier.LEADERSHIP:
        return _("Only the recorder or leadership may withdraw a case.")
    if case.is_withdrawn:
        return _("This case is already withdrawn.")
    return None


def standing_refusal(user, case) -> str | None:
    """Changing whether a decided case still stands: the policy's owner or leadership."""
    if not (
        user.has_perm(CHANGE_CASES)
        and (user_tier(user) == Tier.LEADERSHIP or case.policy.owner_id == user.pk)
    ):
        return _("Only the policy's owner or leadership may change a case's standing.")
    if case.is_withdrawn:
        return _("This case was withdrawn; its standing stays so.")
    if not case.is_decided:
        return _("A case has a standing once it is decided.")
    return None


def may_decide(user, case) -> bool:
    return decide_refusal(user, case) is None


def may_ask(user, case) -> bool:
    return ask_refusal(user, case) is None


def may_answer(user, case) -> bool:
    return answer_refusal(user, case) is None


def may_edit(user, case) -> bool:
    return edit_refusal(user, case) is None


def may_follow_up(user, case) -> bool:
    return follow_up_refusal(user, case) is None


def may_withdraw(user, case) -> bool:
    return withdraw_refusal(user, case) is None


def may_change_standing(user, case) -> bool:
    return standing_refusal(user, case) is None


def codify_refusal(_user, case) -> str | None:
    """Codifying a case, as a published version that cites it does: it must be decided and
    still stand. Nobody asks for it, so nobody is refused."""
    if case.standing != Standing.STANDING or not case.is_decided:
        return _("Only a decided case that still stands is codified.")
    return None


def supersede_refusal(user, case) -> str | None:
    """Superseding a case that an approved change contradicts: it must still stand, and
    the approver must be one who may change its standing."""
    if case.standing != Standing.STANDING:
        return _("Only a case that still stands is superseded.")
    return standing_refusal(user, case)


def may_import_cases(user) -> bool:
    """Bringing in an exception log kept before the portal: policy owners and leadership."""
    return user.has_perm(IMPORT_CASES)
