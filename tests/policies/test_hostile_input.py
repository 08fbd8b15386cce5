"""Hostile input to the A to Z list, the portal-wide change list, its feeds and the policy
page's actions."""

import pytest
from defusedxml import ElementTree
from django.test import Client
from django.urls import reverse

from tests.hostile import (
    IMPOSSIBLE_DATES,
    KEPT_TEXT,
    NOT_A_CHOICE,
    NOT_A_PAGE,
    REFUSED_TEXT,
    UNKNOWN_IDS,
    field_error,
    send,
    unknown_id_message,
)

pytestmark = pytest.mark.django_db

ATOM_ENTRY = "{http://www.w3.org/2005/Atom}entry"
CHANGE_PARAMS = {
    "area": {value: (value, unknown_id_message(value)) for value in UNKNOWN_IDS},
    "owner": {value: (value, unknown_id_message(value)) for value in UNKNOWN_IDS},
    "kind": {value: (value, "Select a valid choice") for value in NOT_A_CHOICE},
    "went_live_min": {value: (value, "Enter a valid date") for value in IMPOSSIBLE_DATES},
    "went_live_max": {value: (value, "Enter a valid date") for value in IMPOSSIBLE_DATES},
}


@pytest.mark.parametrize("param", list(CHANGE_PARAMS))
def test_the_change_list_and_feed_refuse_bad_filters_and_show_why(client, owner, policy, param):
    client.force_login(owner)
    error_field = param.removesuffix("_min").removesuffix("_max")

    for name, (value, message) in CHANGE_PARAMS[param].items():
        listed = send(client, "get", reverse("policies:changes"), {param: value})
        feed = send(client, "get", reverse("policies:changes_feed"), {param: value})

        assert message in field_error(listed, error_field), name[:40]
        assert policy.title not in listed.body_text, name[:40]
        assert ElementTree.fromstring(feed.body_text).findall(ATOM_ENTRY) == [], name[:40]


def test_the_change_list_copes_with_any_page_number(client, owner, policy):
    client.force_login(owner)

    for page in NOT_A_PAGE:
        response = send(client, "get", reverse("policies:changes"), {"page": page})

        assert policy.title in response.body_text, page[:40]


A_TO_Z_PARAMS = {
    "area": {value: (value, unknown_id_message(value)) for value in UNKNOWN_IDS},
    "flexibility": {value: (value, "Select a valid choice") for value in NOT_A_CHOICE},
    "title": REFUSED_TEXT,
}


@pytest.mark.parametrize("param", list(A_TO_Z_PARAMS))
def test_the_a_to_z_list_refuses_bad_filters_and_shows_why(client, staff, policy, param):
    client.force_login(staff)

    for name, (value, message) in A_TO_Z_PARAMS[param].items():
        listed = send(client, "get", reverse("policy_a_to_z"), {param: value})

        assert message in field_error(listed, param), name[:40]
        assert policy.title not in listed.body_text, name[:40]


def test_the_a_to_z_list_copes_with_any_title_words_and_page_number(client, staff, policy):
    client.force_login(staff)

    for name, words in KEPT_TEXT.items():
        response = send(client, "get", reverse("policy_a_to_z"), {"title": words})
        assert "No policy in force matches these filters." in response.body_text, name
    for page in NOT_A_PAGE:
        response = send(client, "get", reverse("policy_a_to_z"), {"page": page})
        assert policy.title in response.body_text, page[:40]


@pytest.mark.parametrize("secret", ["%00", "..", "x" * 5000, "é" * 43, "%2e%2e"])
def test_a_made_up_private_feed_link_finds_nothing(policy, secret):
    response = send(Client(), "get", f"/changes/feed/{secret}.atom")

    assert response.status_code == 404
