"""Logins: paused after repeated wrong passwords on every login page; sessions that end."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

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
