"""Friendly 403, 404 and 500 pages; the 500 page quotes the id of its log entry."""

import io
import logging

import pytest
from django.test import Client, RequestFactory

from portal.views import server_error
from tests.hostile import send

FAILING_URLS = pytest.mark.urls("tests.portal.error_urls")


@pytest.fixture
def log_output():
    """What the portal's console log handler writes during the test."""
    handler = next(h for h in logging.getLogger().handlers if h.name == "console")
    output = io.StringIO()
    original_stream = handler.setStream(output)
    yield output
    handler.setStream(original_stream)


@pytest.fixture
def staff_browser(staff):
    """A logged-in staff member whose browser shows server errors as the page it receives."""
    browser = Client(raise_request_exception=False)
    browser.force_login(staff)
    return browser


@pytest.mark.django_db
def test_an_unknown_address_shows_the_not_found_page(client, staff, log_output):
    client.force_login(staff)

    response = client.get("/refunds-and-returns/no-such-policy/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert "A policy may have been renamed" in html
    assert 'href="/search/"' in html
    assert "Log out" in html
    request_id = response["X-Request-ID"]
    assert (
        f"[{request_id}] django.request: Not Found: /refunds-and-returns/" in log_output.getvalue()
    )


@pytest.mark.django_db
@FAILING_URLS
def test_a_refused_action_shows_the_not_allowed_page(client, staff):
    client.force_login(staff)

    response = client.get("/failing/forbidden/")

    html = response.content.decode()
    assert response.status_code == 403
    assert "Not allowed" in html
    assert "Your role does not include this page or action." in html


@pytest.mark.django_db
@FAILING_URLS
def test_a_server_error_shows_a_reference_that_leads_to_its_log_entry(staff_browser, log_output):
    response = staff_browser.get("/failing/broken/")

    request_id = response["X-Request-ID"]
    html = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong" in html
    assert f"<code>{request_id}</code>" in html
    assert "The rulebook index is unreadable" not in html
    log = log_output.getvalue()
    assert f"ERROR [{request_id}] django.request: Internal Server Error: /failing/broken/" in log
    assert "RuntimeError: The rulebook index is unreadable" in log


@pytest.mark.django_db
@FAILING_URLS
def test_a_server_error_quotes_the_load_balancers_request_id(staff_browser, log_output):
    response = staff_browser.get("/failing/broken/", headers={"X-Request-ID": "lb-7f3a9c21e4d0"})

    assert "<code>lb-7f3a9c21e4d0</code>" in response.content.decode()
    assert "[lb-7f3a9c21e4d0] django.request" in log_output.getvalue()


def test_the_error_page_renders_without_database_or_request_context():
    request = RequestFactory().get("/refunds-and-returns/")
    request.request_id = "8d1c2f0e-5b7a-4c8e-9f21-3a6d4e0b7c55"

    response = server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert "<code>8d1c2f0e-5b7a-4c8e-9f21-3a6d4e0b7c55</code>" in html
    assert '<link rel="stylesheet" href="/static/css/portal.css">' in html
    assert "Log out" not in html


UNREADABLE_BODIES = {
    "a form in UTF-16": (
        "username=staff&password=x".encode("utf-16"),
        "application/x-www-form-urlencoded; charset=utf-16",
    ),
    "multipart with no boundary": (b"--\\r\\n", "multipart/form-data"),
    "more fields than any form has": (
        "&".join(f"f{number}=x" for number in range(1001)).encode(),
        "application/x-www-form-urlencoded",
    ),
}
POSTED_PAGES = [
    "/accounts/login/",
    "/admin/login/",
    "/_util/login/",
    "/accounts/logout/",
    "/cases/new/",
    "/search/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", POSTED_PAGES)
def test_a_body_the_portal_cannot_read_gets_the_bad_request_page(staff, url):
    # With CSRF checks on, as a browser meets them: the check itself reads the body.
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff)
    browser.get("/accounts/login/")  # the CSRF cookie, as the form's page would set it

    for name, (body, content_type) in UNREADABLE_BODIES.items():
        response = send(browser, "post", url, body, content_type=content_type)

        assert response.status_code == 400, name
        assert "Request not understood" in response.body_text, name
        assert f"<code>{response['X-Request-ID']}</code>" in response.body_text, name
