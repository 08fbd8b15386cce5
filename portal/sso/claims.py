"""What an identity provider's claims say about a person, as the portal keeps it.

Plain functions of the claims and the role mapping (portal/settings/sso.py), no
database: the account is written from their answer by `portal.sso.accounts`.
"""

from collections.abc import Mapping
from dataclasses import dataclass

# The columns these values are written to (Django's user, portal.UserProfile).
NAME_LENGTH = 150
EMAIL_LENGTH = 254
TEAM_LENGTH = 120


@dataclass(frozen=True)
class DirectoryPerson:
    """A person as the directory describes them at this sign-in."""

    email: str
    first_name: str
    last_name: str
    # The mapped roles their groups give; roles the mapping leaves out are not in it.
    roles: frozenset[str]
    # None when no team claim is configured: their team is then kept in the admin.
    team: str | None


def text_claim(claims: Mapping, name: str, length: int) -> str:
    """Claim `name` as text cut to `length`; "" when it is missing or not text."""
    value = claims.get(name) if name else None
    return value.strip()[:length] if isinstance(value, str) else ""


def groups_in(claims: Mapping, groups_claim: str) -> frozenset[str]:
    """The directory groups the claims name: a list of names, or one name alone.

    Anything else (a missing claim, a number, nested objects) names no group, so it
    gives no role.
    """
    value = claims.get(groups_claim)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return frozenset()
    return frozenset(group for group in value if isinstance(group, str))


def roles_given(
    groups: frozenset[str], role_groups: Mapping[str, frozenset[str]]
) -> frozenset[str]:
    """The roles of the mapping that at least one of `groups` gives."""
    return frozenset(role for role, given_by in role_groups.items() if groups & given_by)


def read_person(
    claims: Mapping,
    *,
    role_groups: Mapping[str, frozenset[str]],
    groups_claim: str,
    team_claim: str,
) -> DirectoryPerson:
    """The person the claims describe, with the roles the mapping gives their groups."""
    first_name = text_claim(claims, "given_name", NAME_LENGTH)
    last_name = text_claim(claims, "family_name", NAME_LENGTH)
    if not (first_name or last_name):
        # Some directories send only the whole name.
        first_name = text_claim(claims, "name", NAME_LENGTH)
    return DirectoryPerson(
        email=text_claim(claims, "email", EMAIL_LENGTH),
        first_name=first_name,
        last_name=last_name,
        roles=roles_given(groups_in(claims, groups_claim), role_groups),
        team=text_claim(claims, team_claim, TEAM_LENGTH) if team_claim else None,
    )


def role_changes(
    held: frozenset[str], person: DirectoryPerson, governed: frozenset[str]
) -> tuple[frozenset[str], frozenset[str]]:
    """The roles to add and to take away so that `held` matches the directory.

    Only roles the mapping `governs` change: a role it does not name is neither
    given nor taken (administrators keep what they were given by hand).
    """
    held_governed = held & governed
    return person.roles - held_governed, held_governed - person.roles
