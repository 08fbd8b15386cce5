"""The admin side of insights: teams kept by leadership."""

import pytest
from django.urls import reverse

from portal.models import UserProfile

pytestmark = pytest.mark.django_db


def test_leadership_keeps_the_teams(client, leader):
    client.force_login(leader)

    assert client.get(reverse("teams:index")).status_code == 200


def test_owners_are_turned_away_from_the_teams(client, owner):
    client.force_login(owner)

    response = client.get(reverse("teams:index"))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_leadership_puts_someone_in_a_team(client, leader, staff):
    client.force_login(leader)

    response = client.post(reverse("teams:add"), {"user": staff.pk, "team": "Customer care"})

    assert response.status_code == 302
    assert UserProfile.objects.get(user=staff).team == "Customer care"
