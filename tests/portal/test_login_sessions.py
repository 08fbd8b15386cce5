"""Logins: paused after repeated wrong passwords on every login page; sessions that end."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from portal.settings.client_address import client_address_settings
from tests.portal.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_PAGES = ["/accounts/login/", "/admin/login/", "/_util/login/"]
OFFICE_PC = "10.20.0.11"
OTHER_PC = "10.20.0.12"
WRONG_PASSWORD = "not my password"


def log_in(
    client, url="/accounts/login/", username="staff", password=WRONG_PASSWORD, address=OFFICE_PC
):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_logins(client, times, **kwargs):
    for _ in range(times):
        log_in(client, **kwargs)


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_the_fifth_wrong_password_pauses_the_login(client, staff, url):
    fail_logins(client, 4, url=url)

    response = log_in(client, url=url)

    html = response.content.decode()
    assert response.status_code == 429
    assert "Login paused" in html
    assert "Too many wrong passwords for “staff” from this computer." in html
    assert "paused for 30 minutes" in html
    assert 'name="password"' not in html


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_a_paused_login_refuses_even_the_right_password(client, staff, url):
    fail_logins(client, 5, url=url)

    response = log_in(client, url=url, password=TEST_PASSWORD)

    assert response.status_code == 429
    assert client.get("/").status_code == 302


def test_four_wrong_passwords_still_leave_the_login_form(client, staff):
    fail_logins(client, 3)

    response = log_in(client)

    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_the_pause_holds_for_that_username_from_that_address_only(client, staff, supervisor):
    fail_logins(client, 5)

    assert log_in(client, password=TEST_PASSWORD, address=OTHER_PC).status_code == 302
    client.post("/accounts/logout/")
    assert log_in(client, username="supervisor", password=TEST_PASSWORD).status_code == 302


def test_a_successful_login_clears_the_count(client, staff):
    fail_logins(client, 4)
    log_in(client, password=TEST_PASSWORD)
    client.post("/accounts/logout/")

    fail_logins(client, 3)
    response = log_in(client)

    assert response.status_code == 200


def test_the_pause_ends_after_thirty_minutes(client, staff):
    fail_logins(client, 5)
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=30, seconds=1)
    )

    response = log_in(client, password=TEST_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_a_session_lasts_one_working_day(client, staff):
    response = log_in(client, password=TEST_PASSWORD)

    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60


def test_logging_out_of_the_admin_ends_the_portal_session_too(client, owner):
    log_in(client, url="/admin/login/", username="owner", password=TEST_PASSWORD)
    assert client.get("/admin/").status_code == 200

    client.post("/admin/logout/")

    assert client.get("/admin/").status_code == 302
    assert client.get("/").status_code == 302


LOAD_BALANCER = "10.0.0.5"


def spoofed_headers(number: int) -> list[str]:
    """What an attacker may write in X-Forwarded-For, a new address each try: one, two,
    an opened quote that would swallow what the proxy appends, no address at all."""
    return [f"8.8.8.{number}", f"8.8.4.{number}, 10.0.0.5", f'"8.8.{number}.1', "unknown"]


def through(trusted_proxies: int, client_address: str, spoofed: str) -> dict:
    """The request's addresses as the app server receives them: directly from the
    client, or through one load balancer that appends the address it saw."""
    if trusted_proxies == 0:
        return {"REMOTE_ADDR": client_address, "HTTP_X_FORWARDED_FOR": spoofed}
    forwarded = f"{spoofed}, {client_address}" if spoofed else client_address
    return {"REMOTE_ADDR": LOAD_BALANCER, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture(params=[0, 1], ids=["no proxy", "one trusted proxy"])
def trusted_proxies(request, settings):
    for name, value in client_address_settings(request.param).items():
        setattr(settings, name, value)
    return request.param


def try_login(client, url, trusted_proxies, spoofed, password=WRONG_PASSWORD, address=OFFICE_PC):
    return client.post(
        url,
        {"username": "staff", "password": password},
        **through(trusted_proxies, address, spoofed),
    )


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_a_new_forwarded_address_each_try_does_not_escape_the_pause(
    client, staff, url, trusted_proxies
):
    for number in range(5):
        try_login(client, url, trusted_proxies, spoofed_headers(number)[number % 4])
    assert try_login(client, url, trusted_proxies, "").status_code == 429

    for spoofed in spoofed_headers(99):
        response = try_login(client, url, trusted_proxies, spoofed, password=TEST_PASSWORD)

        assert response.status_code == 429, spoofed
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_a_paused_login_stays_paused_whatever_address_the_header_claims(
    client, staff, url, trusted_proxies
):
    for _ in range(5):
        try_login(client, url, trusted_proxies, spoofed="")

    for spoofed in spoofed_headers(7):
        response = try_login(client, url, trusted_proxies, spoofed, password=TEST_PASSWORD)

        assert response.status_code == 429, spoofed


def test_behind_a_trusted_proxy_each_computer_has_its_own_pause(client, staff, trusted_proxies):
    for number in range(5):
        try_login(client, "/accounts/login/", trusted_proxies, spoofed_headers(number)[0])

    response = try_login(
        client, "/accounts/login/", trusted_proxies, "8.8.8.8", TEST_PASSWORD, address=OTHER_PC
    )

    assert response.status_code == 302


def copy_of_the_cookie(client) -> Client:
    """Another browser holding the same session cookie, as a stolen copy would."""
    copy = Client()
    copy.cookies["sessionid"] = client.cookies["sessionid"].value
    return copy


@pytest.mark.parametrize("url", ["/accounts/logout/", "/admin/logout/"])
def test_logging_out_refuses_the_old_cookie_on_the_portal_and_the_admin(client, owner, url):
    log_in(client, username="owner", password=TEST_PASSWORD)
    copy = copy_of_the_cookie(client)
    assert copy.get("/admin/").status_code == 200

    response = client.post(url)

    assert response.status_code == 302
    for page in ["/", "/admin/", "/cases/"]:
        assert copy.get(page).status_code == 302, page
        assert client.get(page).status_code == 302, page


@pytest.mark.parametrize("url", ["/accounts/logout/", "/admin/logout/"])
def test_opening_a_logout_address_asks_before_logging_out(client, owner, url):
    log_in(client, username="owner", password=TEST_PASSWORD)

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "You are still logged in" in html
    assert 'action="/accounts/logout/" method="post"' in html
    assert client.get("/").status_code == 200


def test_the_admin_sign_in_page_loads_its_icons_and_words_without_a_session(client, db):
    page = client.get("/admin/login/").content.decode()

    for asset in ("/admin/sprite/", "/admin/jsi18n/"):
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert "Location" not in response, asset
    assert "Forgotten password?" not in page
    assert client.get("/admin/password_reset/")["Location"].startswith("/accounts/login/")
