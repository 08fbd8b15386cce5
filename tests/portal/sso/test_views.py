"""Starting a sign-in and coming back from the provider: off without SSO, never a 500 with it."""

from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.hostile import KEPT_TEXT, NUL_BYTE, ONE_MEGABYTE, send
from tests.identity_provider import sign_in, signed_in_user
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGN_IN_PAGES = ["/oidc/authenticate/", "/oidc/callback/"]
GARBAGE = [*KEPT_TEXT.values(), NUL_BYTE, ONE_MEGABYTE, ""]


@pytest.mark.parametrize("url", SIGN_IN_PAGES)
def test_without_single_sign_on_its_pages_do_not_exist(url):
    assert Client().get(url).status_code == 404


def test_without_single_sign_on_the_login_pages_offer_passwords_only(client):
    for url in ("/accounts/login/", "/admin/login/"):
        page = client.get(url).content.decode()

        assert "Sign in with" not in page, url
        assert "Passwords are off" not in page, url
        assert "autofocus" in page, url


def test_the_login_page_offers_the_provider_first_and_keeps_where_to_go(client, sso):
    page = client.get("/accounts/login/", {"next": "/cases/?mine=recorded"}).content.decode()

    assert 'href="/oidc/authenticate/?next=/cases/%3Fmine%3Drecorded">Sign in with Acme' in page
    assert "Break-glass accounts" in page
    assert "autofocus" not in page


def test_the_admins_sign_in_page_starts_at_the_provider_too(client, sso):
    page = client.get("/admin/login/").content.decode()

    assert "Sign in with Acme" in page
    assert "autofocus" not in page


def test_a_sign_in_never_sends_the_person_to_another_site(client, sso):
    sso.put_person("ines", groups=["cs-frontline"])

    answer = sign_in(client, sso, "ines", next_url="https://evil.example/")

    assert answer["Location"] == "/"
    assert signed_in_user(client).is_authenticated


def test_a_person_who_declines_at_the_provider_is_told_on_the_login_page(client, sso):
    start = client.get("/oidc/authenticate/")
    state = dict(pair.split("=") for pair in urlsplit(start["Location"]).query.split("&"))["state"]

    answer = client.get("/oidc/callback/", {"error": "access_denied", "state": state})

    assert answer["Location"] == "/accounts/login/"
    assert "Signing in with Acme did not work." in client.get(answer["Location"]).content.decode()


def test_the_sign_in_pages_answer_any_input_without_a_server_error(client, sso):
    client.get("/oidc/authenticate/")
    for value in GARBAGE:
        for params in (
            {"next": value},
            {"code": value, "state": value},
            {"code": value},
            {"state": value, "error": value},
        ):
            for url in SIGN_IN_PAGES:
                answer = send(client, "get", url, params)

                assert answer.status_code in (302, 400), (url, params)
            assert send(client, "post", SIGN_IN_PAGES[1], params).status_code == 405


def test_a_stray_code_of_a_session_that_never_began_a_sign_in_goes_back_to_the_login(client, sso):
    answer = send(Client(), "get", "/oidc/callback/", {"code": "x", "state": "y"})

    assert answer["Location"] == "/accounts/login/"


def test_the_logout_page_says_the_providers_session_ends_too(client, sso):
    client.force_login(UserFactory(), backend="portal.sso.backends.DirectoryBackend")

    page = client.get("/accounts/logout/").content.decode()

    assert "ends your session here, in the admin and at Acme" in page
