"""Hostile input to search, its suggestions and the login form: never a server error."""

from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils.html import escape

from portal.search.models import UnansweredSearch
from tests.exceptions.factories import record_case
from tests.hostile import (
    IMPOSSIBLE_DATES,
    KEPT_TEXT,
    NOT_A_CHOICE,
    NOT_A_PAGE,
    NUL_BYTE,
    ONE_MEGABYTE,
    REFUSED_TEXT,
    UNKNOWN_IDS,
    field_error,
    send,
    unknown_id_message,
)
from tests.portal.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

SEARCH_SYNTAX = {
    "lone double quote": '"',
    "unbalanced phrase": '"jacket returned',
    "FTS operators": "jacket NEAR(refund) OR ^late AND (",
    "tsquery operators": "jacket & !refund | late:* <-> x",
    "prefix star": "jack*",
    "only punctuation": "!!! ??? ...",
}
SEARCH_PARAMS = {
    "q": REFUSED_TEXT,
    "type": {value: (value, "Select a valid choice") for value in NOT_A_CHOICE},
    "outcome": {value: (value, "Select a valid choice") for value in NOT_A_CHOICE},
    "area": {value: (value, unknown_id_message(value)) for value in UNKNOWN_IDS},
    "recorded_from": {value: (value, "Enter a valid date") for value in IMPOSSIBLE_DATES},
    "recorded_to": {
        **{value: (value, "Enter a valid date") for value in IMPOSSIBLE_DATES},
        "year one": ("0001-01-01", "greater than or equal to 1900-01-01"),
        "last day of year 9999": ("9999-12-31", "less than or equal to 2999-12-31"),
    },
}


@pytest.fixture
def hostile_case(policy, staff):
    return record_case(
        policy,
        staff,
        path_name="Late return",
        amount="5",
        situation='Jacket refund <script>alert("search")</script> returned late',
    )


def test_search_finds_hostile_text_and_shows_it_as_text(client, staff, hostile_case):
    client.force_login(staff)

    response = send(client, "get", reverse("search"), {"q": "jacket script"})

    assert hostile_case.get_absolute_url() in response.body_text
    assert "<script>alert(" not in response.body_text
    # The brackets the recorder typed read as text, the matched word marked.
    assert f"{escape('<')}<mark>script</mark>{escape('>')}alert" in response.body_text


def test_search_takes_any_text_as_words(client, staff, hostile_case):
    client.force_login(staff)

    for name, query in {**KEPT_TEXT, **SEARCH_SYNTAX, "the longest query": "j" * 200}.items():
        response = send(client, "get", reverse("search"), {"q": query})

        assert field_error(response, "q") == "", name
        assert "<script>alert(" not in response.body_text, name
    found = send(client, "get", reverse("search"), {"q": SEARCH_SYNTAX["unbalanced phrase"]})
    assert hostile_case.get_absolute_url() in found.body_text


@pytest.mark.parametrize("param", list(SEARCH_PARAMS))
def test_search_refuses_bad_parameters_next_to_the_field(client, staff, hostile_case, param):
    client.force_login(staff)
    unanswered = UnansweredSearch.objects.count()

    for name, (value, message) in SEARCH_PARAMS[param].items():
        response = send(client, "get", reverse("search"), {"q": "jacket", param: value})

        assert message in field_error(response, param), name[:40]
        assert hostile_case.get_absolute_url() not in response.body_text, name[:40]
    assert UnansweredSearch.objects.count() == unanswered


def test_search_copes_with_any_page_number(client, staff, hostile_case):
    client.force_login(staff)

    for page in NOT_A_PAGE:
        response = send(client, "get", reverse("search"), {"q": "jacket", "page": page})

        assert hostile_case.get_absolute_url() in response.body_text, page[:40]


def test_suggestions_answer_any_text_with_a_list(client, staff, policy):
    client.force_login(staff)

    texts = [*KEPT_TEXT.values(), *SEARCH_SYNTAX.values(), NUL_BYTE, ONE_MEGABYTE, "ret\x00urn"]
    for text in texts:
        response = send(client, "get", reverse("search_suggest"), {"q": text})

        assert isinstance(response.json()["results"], list), text[:40]
    found = send(client, "get", reverse("search_suggest"), {"q": 'retu"'}).json()["results"]
    assert [result["title"] for result in found] == [policy.title]


LOGIN_PAGES = ["/accounts/login/", "/admin/login/", "/_util/login/"]
HOSTILE_CREDENTIALS = [
    *KEPT_TEXT.values(),
    *(text for text, _message in REFUSED_TEXT.values()),
    "staff\x00",
    "STAFF ",
    "s" * 255,
    # Longer than the login-attempt table's username column.
    "s" * 256,
    "ß" * 300,
]


@pytest.mark.parametrize("url", LOGIN_PAGES)
@pytest.mark.parametrize("field", ["username", "password"])
def test_login_pages_refuse_hostile_credentials_without_logging_in(client, staff, url, field):
    credentials = {"username": "staff", "password": TEST_PASSWORD}

    for value in HOSTILE_CREDENTIALS:
        response = send(client, "post", url, {**credentials, field: value})

        assert "_auth_user_id" not in client.session, value[:40]
        # The form again, with why; or, after repeated failures, the pause without a form.
        assert response.status_code in (200, 429), value[:40]
        if response.status_code == 200:
            assert 'name="password"' in response.body_text, value[:40]
    assert AccessAttempt.objects.filter(username__startswith="s" * 256).count() == 0


def test_login_never_sends_anyone_off_the_portal(client, staff):
    for target in [
        "https://example.com/",
        "//example.com/",
        "javascript:alert(1)",
        "/\\example.com",
        "http://testserver@example.com/",
        NUL_BYTE,
        ONE_MEGABYTE,
    ]:
        client.logout()
        response = send(
            client,
            "post",
            reverse("login"),
            {"username": "staff", "password": TEST_PASSWORD, "next": target},
        )

        location = urlsplit(response["Location"])
        assert response.status_code == 302
        assert (location.scheme, location.netloc) == ("", ""), target[:40]
        assert not response["Location"].startswith(("//", "/\\")), target[:40]
