"""Leadership sets up webhook endpoints and reads the delivery log in the admin; every
other role is turned away from every one of its pages."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.html import escape

from portal.webhooks.choices import DeliveryStatus, Event, Preset
from portal.webhooks.models import DeliveryAttempt, WebhookDelivery, WebhookEndpoint
from tests.hostile import (
    BLANK,
    KEPT_TEXT,
    NOT_A_CHOICE,
    NUL_BYTE,
    ONE_MEGABYTE,
    REFUSED_TEXT,
    send,
)
from tests.reading import words_on

pytestmark = pytest.mark.django_db

ADMIN_LOGIN = "/admin/login/?next="


@pytest.fixture
def endpoint(db):
    return WebhookEndpoint.objects.create(
        name="Supervisors' channel",
        url="https://hooks.slack.example/T000/B000",
        events=[Event.CASE_ESCALATED],
        preset=Preset.SLACK,
    )


@pytest.fixture
def delivery(endpoint):
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=Event.CASE_ESCALATED,
        event_id="6f1c1b9e-0000-4000-8000-000000000001",
        body='{"text":"Case #1"}',
        status=DeliveryStatus.RETRYING,
        attempts=1,
        response_code=503,
        error="HTTP 503 Service Unavailable: busy",
    )
    DeliveryAttempt.objects.create(
        delivery=delivery, number=1, response_code=503, error=delivery.error, duration_ms=42
    )
    return delivery


def webhook_admin_urls(endpoint, delivery):
    return [
        reverse("webhook_endpoints:index"),
        reverse("webhook_endpoints:add"),
        reverse("webhook_endpoints:edit", args=[endpoint.pk]),
        reverse("webhook_endpoints:delete", args=[endpoint.pk]),
        reverse("webhook_endpoints:history", args=[endpoint.pk]),
        reverse("webhook_deliveries:index"),
        reverse("webhook_deliveries:inspect", args=[delivery.pk]),
    ]


def test_leadership_opens_every_webhook_page(client, leader, endpoint, delivery):
    client.force_login(leader)

    for url in webhook_admin_urls(endpoint, delivery):
        assert send(client, "get", url).status_code == 200, url


@pytest.mark.parametrize("role", ["staff", "supervisor", "outsider"])
def test_roles_without_the_admin_are_sent_to_its_login(client, request, endpoint, delivery, role):
    client.force_login(request.getfixturevalue(role))

    for url in webhook_admin_urls(endpoint, delivery):
        response = send(client, "get", url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{ADMIN_LOGIN}{url}"


def test_policy_owners_are_refused_every_webhook_page(client, owner, endpoint, delivery):
    client.force_login(owner)

    for url in webhook_admin_urls(endpoint, delivery):
        for method in ("get", "post"):
            response = send(client, method, url)
            assert response.status_code == 302, f"{method} {url}"
            assert response["Location"] == reverse("wagtailadmin_home"), f"{method} {url}"
    assert WebhookEndpoint.objects.get() == endpoint


def test_the_admin_menu_shows_webhooks_to_leadership_only(client, leader, owner):
    for user, shown in ((leader, True), (owner, False)):
        client.force_login(user)
        html = send(client, "get", reverse("wagtailadmin_home")).body_text
        assert (reverse("webhook_endpoints:index") in html) is shown, user


def test_the_delivery_log_is_read_never_written(client, leader, delivery):
    client.force_login(leader)
    urls = [
        reverse("webhook_deliveries:add"),
        reverse("webhook_deliveries:edit", args=[delivery.pk]),
        reverse("webhook_deliveries:delete", args=[delivery.pk]),
    ]

    for url in urls:
        for method in ("get", "post"):
            response = send(client, method, url, {"status": "delivered"})
            assert response.status_code == 302, f"{method} {url}"
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.RETRYING


def test_the_delivery_log_shows_status_code_error_and_each_try(client, leader, delivery):
    client.force_login(leader)

    listing = send(client, "get", reverse("webhook_deliveries:index")).body_text
    inspected = send(
        client, "get", reverse("webhook_deliveries:inspect", args=[delivery.pk])
    ).body_text

    for text in ("Failed, will try again", "503", "Supervisors&#x27; channel", "Case escalated"):
        assert text in listing
    assert "HTTP 503 Service Unavailable: busy (42 ms)" in inspected
    assert "6f1c1b9e-0000-4000-8000-000000000001" in inspected


def endpoint_form(**fields):
    return {
        "name": "Leadership channel",
        "url": "https://outlook.example/webhook/abc",
        "events": [Event.CASE_ESCALATED, Event.VERSION_PUBLISHED],
        "preset": Preset.TEAMS,
        "active": "on",
        **fields,
    }


def test_leadership_adds_an_endpoint_and_is_shown_its_secret(client, leader):
    client.force_login(leader)

    response = send(client, "post", reverse("webhook_endpoints:add"), endpoint_form())

    endpoint = WebhookEndpoint.objects.get()
    assert response["Location"] == reverse("webhook_endpoints:edit", args=[endpoint.pk])
    add_page = words_on(send(client, "get", reverse("webhook_endpoints:add")).body_text)
    assert "Make a new secret" not in add_page
    assert "Signing secret" not in add_page
    assert endpoint.events == [Event.CASE_ESCALATED, Event.VERSION_PUBLISHED]
    assert endpoint.preset == Preset.TEAMS
    assert len(endpoint.secret) >= 40
    edit_page = send(client, "get", response["Location"]).body_text
    assert endpoint.secret in edit_page
    assert "Signing secret" in edit_page
    assert "Make a new secret" in edit_page


def test_a_typed_secret_is_ignored_and_a_new_one_is_made_on_request(client, leader, endpoint):
    client.force_login(leader)
    url = reverse("webhook_endpoints:edit", args=[endpoint.pk])
    first = endpoint.secret

    send(client, "post", url, endpoint_form(secret="chosen-by-me"))
    endpoint.refresh_from_db()
    assert endpoint.secret == first

    send(client, "post", url, endpoint_form(replace_secret="on"))
    endpoint.refresh_from_db()
    assert endpoint.secret not in (first, "chosen-by-me")
    assert len(endpoint.secret) >= 40


def test_the_endpoint_form_refuses_bad_input_next_to_its_fields_and_keeps_it(client, leader):
    client.force_login(leader)
    url = reverse("webhook_endpoints:add")
    refused = {
        "url": [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "ftp://example.com/hook",
            "not an address",
            NUL_BYTE,
            ONE_MEGABYTE,
            *KEPT_TEXT.values(),
        ],
        "name": [text for text, _message in REFUSED_TEXT.values()] + [BLANK],
        "events": [[value] for value in NOT_A_CHOICE] + [[]],
        "preset": NOT_A_CHOICE,
    }

    for field, values in refused.items():
        for value in values:
            response = send(client, "post", url, endpoint_form(**{field: value}))

            assert response.status_code == 200, (field, str(value)[:40])
            assert field in response.context["form"].errors, (field, str(value)[:40])
            if field == "url" and "\x00" not in value:
                # What was typed is on the form again, escaped.
                assert escape(value)[:200] in response.body_text, value[:40]
    assert not WebhookEndpoint.objects.exists()


def test_the_endpoint_form_keeps_hostile_names_as_text(client, leader):
    client.force_login(leader)

    for text in KEPT_TEXT.values():
        response = send(client, "post", reverse("webhook_endpoints:add"), endpoint_form(name=text))
        assert response.status_code == 302, text

    assert sorted(WebhookEndpoint.objects.values_list("name", flat=True)) == sorted(
        KEPT_TEXT.values()
    )
    listing = send(client, "get", reverse("webhook_endpoints:index")).body_text
    assert '<script>alert("hostile")' not in listing


QUEUED_UTC = datetime.datetime(2026, 12, 6, 10, 32, 55, tzinfo=datetime.UTC)


def inspect_page(client, delivery):
    """The words of a delivery's page, as the leader reads them."""
    url = reverse("webhook_deliveries:inspect", args=[delivery.pk])
    return words_on(send(client, "get", url).body_text)


def test_the_delivery_log_shows_every_time_on_the_portals_clock(client, leader, delivery):
    client.force_login(leader)
    tried_at = QUEUED_UTC + datetime.timedelta(seconds=5)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        created_at=QUEUED_UTC,
        last_attempt_at=tried_at,
        next_attempt_at=QUEUED_UTC + datetime.timedelta(minutes=5),
    )
    delivery.attempt_log.update(attempted_at=tried_at)

    listing = words_on(send(client, "get", reverse("webhook_deliveries:index")).body_text)
    inspected = inspect_page(client, delivery)

    # Amsterdam is an hour ahead of UTC in December.
    for page in (listing, inspected):
        assert "6 Dec 2026, 11:32 a.m." in page
        assert "6 Dec 2026, 11:37 a.m." in page
        assert "10:32" not in page
    assert "Last attempt 6 Dec 2026, 11:33 a.m." in inspected
    assert "6 Dec 2026, 11:33 a.m.: HTTP 503 Service Unavailable: busy (42 ms)" in inspected


def test_a_delivery_not_tried_yet_says_so_and_that_the_worker_sends_it(client, leader, endpoint):
    client.force_login(leader)
    waiting = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=Event.CASE_ESCALATED,
        event_id="6f1c1b9e-0000-4000-8000-000000000002",
        body="{}",
    )

    inspected = inspect_page(client, waiting)

    assert "None" not in inspected
    assert "Not tried yet." in inspected
    assert "Waiting for the background worker, which sends it." in inspected
    assert "Last response code — Last error —" in inspected


def test_a_delivery_given_up_on_says_no_further_try(client, leader, delivery):
    client.force_login(leader)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.FAILED, last_attempt_at=QUEUED_UTC
    )

    inspected = inspect_page(client, delivery)

    assert "None" not in inspected
    assert "No further try." in inspected


def test_the_endpoint_list_shows_which_endpoints_are_active(client, leader, endpoint):
    client.force_login(leader)
    WebhookEndpoint.objects.create(
        name="Retired channel", url="https://hooks.example/old", events=[], active=False
    )

    listing = send(client, "get", reverse("webhook_endpoints:index")).body_text

    rows = [
        [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        for row in BeautifulSoup(listing, "html.parser").select("tbody tr")
    ]
    # Listed by name: the retired channel first.
    assert rows[0][0].startswith("Retired channel")
    assert rows[1][0].startswith("Supervisors' channel")
    assert [row[-1] for row in rows] == ["Inactive", "Active"]
