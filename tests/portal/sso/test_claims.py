"""What the provider's claims make of a person: a table of claims and what they give."""

import pytest

from portal import roles
from portal.sso.claims import DirectoryPerson, read_person, role_changes

ROLE_GROUPS = {
    roles.STAFF: frozenset({"cs-frontline", "cs-temps"}),
    roles.SUPERVISORS: frozenset({"cs-leads"}),
}
GOVERNED = frozenset(ROLE_GROUPS)


def person_from(claims, team_claim="department"):
    return read_person(
        claims, role_groups=ROLE_GROUPS, groups_claim="groups", team_claim=team_claim
    )


@pytest.mark.parametrize(
    ("groups", "given"),
    [
        (["cs-frontline"], {roles.STAFF}),
        (["cs-temps", "cs-leads"], {roles.STAFF, roles.SUPERVISORS}),
        ("cs-leads", {roles.SUPERVISORS}),
        # Names are compared as sent: no case folding, no role by its own name.
        (["CS-FRONTLINE", "Staff", "Leadership"], set()),
        ([], set()),
        (None, set()),
        (42, set()),
        ([{"name": "cs-leads"}, ["cs-frontline"], 7], set()),
    ],
)
def test_roles_come_only_from_mapped_groups(groups, given):
    assert person_from({"email": "a@acme.example", "groups": groups}).roles == given


def test_a_missing_groups_claim_gives_no_role():
    assert person_from({"email": "a@acme.example"}).roles == frozenset()


@pytest.mark.parametrize(
    ("claims", "names"),
    [
        ({"given_name": "Ines", "family_name": "Duarte"}, ("Ines", "Duarte")),
        ({"name": "Ines Duarte"}, ("Ines Duarte", "")),
        ({"given_name": " Ines ", "name": "ignored"}, ("Ines", "")),
        ({"given_name": ["Ines"], "family_name": 7}, ("", "")),
        ({"given_name": "I" * 200}, ("I" * 150, "")),
    ],
)
def test_names_are_read_as_text_within_their_columns(claims, names):
    person = person_from({"email": "a@acme.example", **claims})

    assert (person.first_name, person.last_name) == names


@pytest.mark.parametrize(
    ("claims", "team_claim", "team"),
    [
        ({"department": "Returns desk"}, "department", "Returns desk"),
        ({}, "department", ""),
        ({"department": "R" * 200}, "department", "R" * 120),
        ({"department": "Returns desk"}, "", None),
    ],
)
def test_the_team_comes_from_its_claim_when_one_is_named(claims, team_claim, team):
    assert person_from({"email": "a@acme.example", **claims}, team_claim).team == team


def directory_person(roles_given):
    return DirectoryPerson(
        email="a@acme.example",
        first_name="",
        last_name="",
        roles=frozenset(roles_given),
        team=None,
    )


@pytest.mark.parametrize(
    ("held", "given", "added", "removed"),
    [
        (set(), {roles.STAFF}, {roles.STAFF}, set()),
        ({roles.STAFF, roles.SUPERVISORS}, {roles.STAFF}, set(), {roles.SUPERVISORS}),
        ({roles.STAFF}, {roles.STAFF}, set(), set()),
        # Roles the mapping does not govern stay as they are, held or not.
        ({roles.LEADERSHIP, roles.STAFF}, set(), set(), {roles.STAFF}),
        ({"Moderators"}, {roles.SUPERVISORS}, {roles.SUPERVISORS}, set()),
    ],
)
def test_only_governed_roles_are_added_or_taken_away(held, given, added, removed):
    assert role_changes(frozenset(held), directory_person(given), GOVERNED) == (added, removed)
