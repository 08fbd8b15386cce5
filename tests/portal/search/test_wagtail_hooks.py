"""Unanswered searches in the admin: owners read them, nobody edits them."""

import pytest
from django.urls import reverse

from portal.search.services import record_unanswered

pytestmark = pytest.mark.django_db


def test_owners_read_unanswered_searches_in_the_admin(client, owner):
    record_unanswered(query="teleportation")
    client.force_login(owner)

    response = client.get(reverse("unanswered_searches:index"))

    assert "teleportation" in response.content.decode()
    assert client.get(reverse("unanswered_searches:add")).status_code == 302


def test_staff_do_not_see_them(client, staff):
    record_unanswered(query="teleportation")
    client.force_login(staff)

    assert client.get(reverse("unanswered_searches:index")).status_code == 302
