"""A log row judged by the rules a case recorded in the portal meets, under the policy
version in force on its date: plain functions of plain values, as exceptions.rulebook.

A firm rule is never bent; a grant within a path names one of the version's
paths; whoever decided must have had the authority for it. A log rarely says
who decided at which tier: without a decider's tier the case is taken to have
been decided by the tier it needed, unless no path of the policy covered the
amount, which only a named decider can settle.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from policies.choices import Tier
from policies.wording import amount_in_words

from ..choices import Request
from ..rulebook import PathTerms, PolicyTerms, authority_message, check_request, tier_needed
from .rows import LogRow, RowRefused


@dataclass(frozen=True)
class Ruling:
    """What a valid row comes to: the path it was granted within, if any, and the tier
    of whoever decided it."""

    path: PathTerms | None
    decider_tier: Tier


def judge_row(row: LogRow, *, terms: PolicyTerms, decider_tier: Tier | None) -> Ruling:
    """Judge the row by `terms`, its decider of `decider_tier` (None when the log does not
    say); raise RowRefused with the reason it breaks a rule."""
    path = _path_named(row, terms=terms)
    try:
        check_request(terms=terms, path=path, request=row.request, amount=row.amount)
    except ValidationError as refused:
        raise RowRefused(" ".join(refused.messages)) from None
    needed = tier_needed(terms=terms, path=path, request=row.request, amount=row.amount)
    if decider_tier is None:
        if path is not None and not _covered(path, terms=terms, amount=row.amount):
            raise RowRefused(
                _(
                    "The amount %(amount)s is over every limit of this policy, "
                    "and the row does not say who decided it."
                )
                % {"amount": amount_in_words(row.amount, path.unit)}
            )
        decider_tier = needed
    elif needed > decider_tier:
        raise RowRefused(authority_message(path=path, amount=row.amount, needed=needed))
    return Ruling(path=path, decider_tier=decider_tier)


def _path_named(row: LogRow, *, terms: PolicyTerms) -> PathTerms | None:
    """The version's path the row names, by name ignoring case; None when it names none."""
    if not row.path:
        if row.request == Request.GRANT_WITHIN_PATH:
            raise RowRefused(_("A grant within a path must name the path."))
        return None
    if row.request != Request.GRANT_WITHIN_PATH:
        raise RowRefused(
            _("Only a grant within a path names one: this row says “%(decision)s”.")
            % {"decision": row.request.label}
        )
    wanted = row.path.casefold()
    for path in terms.paths:
        if path.name.casefold() == wanted:
            return path
    if terms.firm:
        raise RowRefused(_("This rule is firm: it is never bent, and has no exception paths."))
    raise RowRefused(
        _("The policy had no path “%(path)s” on that date; its paths were: %(paths)s.")
        % {"path": row.path, "paths": "; ".join(p.name for p in terms.paths) or _("none")}
    )


def _covered(path: PathTerms, *, terms: PolicyTerms, amount) -> bool:
    """Whether the path, or a path of higher authority in its unit, covers the amount."""
    if path.limit is None or amount is None or amount <= path.limit:
        return True
    return any(
        other.tier > path.tier
        and other.unit == path.unit
        and (other.limit is None or amount <= other.limit)
        for other in terms.paths
    )
