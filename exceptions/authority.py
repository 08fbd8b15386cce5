"""Who may decide what: a user's tier, and the tier a case needs."""

from decimal import Decimal

from django.utils.translation import gettext as _

from policies.choices import Tier
from policies.models import ExceptionPath
from portal import roles

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
    cached = getattr(user, "_portal_tier", False)
    if cached is not False:
        return cached
    names = {group.name for group in user.groups.all()}
    tiers = [tier for role, tier in ROLE_TIERS.items() if role in names]
    user._portal_tier = max(tiers) if tiers else None
    return user._portal_tier


def tier_needed_for_path(
    *, path: ExceptionPath, amount: Decimal | None, sibling_paths: list[ExceptionPath]
) -> Tier:
    """Return the lowest tier that may grant `amount` on `path`.

    Within the path's limit that is the path's own authority. Over it, the
    lowest-ranked sibling path of higher authority whose limit (in the same
    unit) covers the amount decides; failing that, leadership.
    """
    if path.limit_amount is None or amount is None or amount <= path.limit_amount:
        return Tier(path.authority)
    covering = [
        other.authority
        for other in sibling_paths
        if other.authority > path.authority
        and other.limit_unit == path.limit_unit
        and (other.limit_amount is None or amount <= other.limit_amount)
    ]
    return Tier(min(covering)) if covering else Tier.LEADERSHIP


def authority_message(*, path: ExceptionPath | None, amount: Decimal | None, needed: Tier) -> str:
    """Explain in plain words why this case needs someone of tier `needed`."""
    who = _("a supervisor") if needed == Tier.SUPERVISOR else _("leadership")
    if path is None:
        return _("Granting outside any path needs %(who)s.") % {"who": who}
    if path.limit_amount is not None and amount is not None and amount > path.limit_amount:
        return _("This needs %(who)s: the limit is %(limit)s, you entered %(amount)s %(unit)s.") % {
            "who": who,
            "limit": path.limit_display,
            "amount": f"{amount.normalize():f}",
            "unit": path.limit_unit,
        }
    return _("This needs %(who)s: “%(path)s” may only be granted by %(tier)s.") % {
        "who": who,
        "path": path.name,
        "tier": path.get_authority_display().lower(),
    }
