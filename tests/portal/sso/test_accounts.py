"""Writing the directory's word onto an account: only what differs, only governed roles."""

import pytest
from django.db import transaction

from portal import roles
from portal.freshness import PEOPLE, versions_of
from portal.models import UserProfile
from portal.sso.accounts import update_account
from portal.sso.claims import DirectoryPerson
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

GOVERNED = frozenset({roles.STAFF, roles.SUPERVISORS})


def directory_person(user, roles_given, team):
    return DirectoryPerson(
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        roles=frozenset(roles_given),
        team=team,
    )


def test_a_sign_in_that_changes_nothing_writes_nothing_and_keeps_cached_pages(
    django_assert_num_queries,
):
    user = UserFactory(role=roles.STAFF)
    UserProfile.objects.create(user=user, team="Returns desk")
    before = versions_of(PEOPLE)

    # The user's roles and their profile are read; nothing is written.
    with django_assert_num_queries(2):
        update_account(
            user=user,
            person=directory_person(user, {roles.STAFF}, "Returns desk"),
            governed_roles=GOVERNED,
        )

    assert versions_of(PEOPLE) == before


def test_a_changed_role_renews_the_pages_that_show_people():
    user = UserFactory(role=roles.STAFF)
    before = versions_of(PEOPLE)

    with transaction.atomic():
        update_account(
            user=user,
            person=directory_person(user, {roles.SUPERVISORS}, None),
            governed_roles=GOVERNED,
        )

    assert versions_of(PEOPLE) != before
    assert set(user.groups.values_list("name", flat=True)) == {roles.SUPERVISORS}


def test_no_team_claim_creates_no_empty_team_membership():
    user = UserFactory()

    update_account(user=user, person=directory_person(user, set(), ""), governed_roles=GOVERNED)

    assert not UserProfile.objects.filter(user=user).exists()
