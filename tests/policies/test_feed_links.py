"""A private, revocable link to the change feed, for feed readers that cannot sign in."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from policies.models import ChangeFeedLink

pytestmark = pytest.mark.django_db

PAGE = reverse("policies:feed_link")
FEED_ENTRY = "<title>Returns within 30 days: First published version.</title>"


def make_link(client) -> str:
    """Press "Make a private feed link" and return the address the page shows, once."""
    html = client.post(PAGE, {"make": ""}).content.decode()
    assert "Copy your private feed link" in html
    return re.search(r'id="feed-link-address" type="text" readonly value="([^"]+)"', html)[1]


def test_a_feed_reader_reads_the_changes_through_the_link_without_signing_in(client, owner, policy):
    client.force_login(owner)

    address = make_link(client)

    response = Client().get(address)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert FEED_ENTRY in response.content.decode()
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))


def test_the_link_is_shown_once_and_only_its_hash_is_kept(client, owner, policy):
    client.force_login(owner)
    address = make_link(client)
    secret = address.rsplit("/", 1)[1].removesuffix(".atom")

    html = client.get(PAGE).content.decode()

    assert secret not in html
    assert "You made a private feed link on" in html
    assert not ChangeFeedLink.objects.filter(secret_hash=secret).exists()
    assert ChangeFeedLink.objects.get(user=owner).secret_hash != secret


def test_revoking_or_replacing_the_link_stops_the_old_one(client, owner, policy):
    client.force_login(owner)
    first = make_link(client)

    second = make_link(client)

    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    response = client.post(PAGE, {"revoke": ""}, follow=True)
    assert "Your private feed link is revoked" in response.content.decode()
    assert "You have no private feed link." in response.content.decode()
    assert Client().get(second).status_code == 404


def test_a_link_stops_working_when_its_owner_may_no_longer_read_the_changes(client, owner, policy):
    client.force_login(owner)
    address = make_link(client)

    owner.groups.clear()

    assert Client().get(address).status_code == 404


def test_an_unknown_link_finds_nothing(client, policy):
    unknown = reverse("policies:private_changes_feed", kwargs={"secret": "x" * 43})

    assert Client().get(unknown).status_code == 404


@pytest.mark.parametrize("role", ["staff", "supervisor", "outsider"])
def test_those_who_cannot_read_the_changes_get_no_link(client, request, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, {"make": ""}).status_code == 403
    assert not ChangeFeedLink.objects.exists()


def test_the_change_list_leads_to_the_private_link(client, leader):
    client.force_login(leader)

    assert f'href="{PAGE}"' in client.get(reverse("policies:changes")).content.decode()


def test_the_private_feed_costs_what_the_signed_in_feed_costs_and_no_more(
    client, owner, policy, django_assert_num_queries
):
    client.force_login(owner)
    address = make_link(client)

    # The link with its owner, the changes and their cited cases, inside the request's
    # savepoint; the owner's permissions are kept in the cache.
    with django_assert_num_queries(5):
        assert Client().get(address).status_code == 200
