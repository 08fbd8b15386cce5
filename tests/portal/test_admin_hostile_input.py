"""Hostile input to the Wagtail admin views that policy owners and leadership use.

Each listing is asked for with hostile values in every parameter its own filter
and search forms name (read from the page, so a new filter is covered without
a new line here); the portal's own admin forms must also keep what was typed
and say what is wrong next to the field. Never a server error.
"""

import re

import pytest
from django.urls import reverse

from exceptions.models import Precedent
from portal.webhooks.choices import Event
from portal.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.exceptions.factories import record_case
from tests.hostile import (
    KEPT_TEXT,
    NUL_BYTE,
    ONE_MEGABYTE,
    REFUSED_TEXT,
    UNKNOWN_IDS,
    send,
    stored_rows,
)
from tests.policies.editor import policy_form_data

pytestmark = pytest.mark.django_db

# Past the 50,000 bytes SQLite allows in a LIKE pattern.
LONGER_THAN_A_LIKE_PATTERN = "x" * 60_000
HOSTILE_VALUES = [
    "-1",
    "abc",
    "1.5",
    str(2**63),
    "9" * 30,
    "[]",
    KEPT_TEXT["script tag"],
    KEPT_TEXT["broken-out attribute"],
    KEPT_TEXT["SQL metacharacters"],
    KEPT_TEXT["LIKE wildcards and backslash"],
    KEPT_TEXT["right-to-left override"],
    NUL_BYTE,
    LONGER_THAN_A_LIKE_PATTERN,
    "2025-02-30",
]
# Owners and leadership open the same listings, which read their parameters alike:
# each value reaches every parameter of every listing once, as one role or the other.
VALUES_SENT_AS = {"owner": HOSTILE_VALUES[0::2], "leader": HOSTILE_VALUES[1::2]}
ALWAYS_TRIED = {"q", "p", "ordering"}
GET_FORM = re.compile(r'<form[^>]*method="get"[^>]*>(.*?)</form>', re.DOTALL | re.IGNORECASE)
FIELD_NAME = re.compile(r'<(?:input|select)[^>]*name="([^"]+)"')


# Each listing's route, and what names the record it shows.
ADMIN_LISTINGS = {
    "dashboard": ("wagtailadmin_home", None),
    "pages in an area": ("wagtailadmin_explore", "area"),
    "page search": ("wagtailadmin_pages:search", None),
    "cases": ("cases:index", None),
    "case": ("cases:inspect", "case"),
    "unanswered searches": ("unanswered_searches:index", None),
    "case import": ("import_cases", None),
    "site history": ("wagtailadmin_reports:site_history", None),
    "policy history": ("wagtailadmin_pages:history", "policy"),
    "workflows report": ("wagtailadmin_reports:workflow", None),
    "page chooser": ("wagtailadmin_choose_page", None),
    "import from Word": ("policies_import", None),
}
# Listings only leadership opens, sent every hostile value.
LEADERSHIP_LISTINGS = {
    "webhook endpoints": ("webhook_endpoints:index", None),
    "webhook deliveries": ("webhook_deliveries:index", None),
    "webhook delivery": ("webhook_deliveries:inspect", "delivery"),
}


def parameters_on(html: str) -> set[str]:
    """The names of every field in the page's GET forms (its search and filters)."""
    names = {name for form in GET_FORM.findall(html) for name in FIELD_NAME.findall(form)}
    return (names | ALWAYS_TRIED) - {"csrfmiddlewaretoken"}


@pytest.fixture
def case(policy, staff):
    return record_case(policy, staff, path_name="Late return", amount="4")


@pytest.fixture
def delivery(db):
    endpoint = WebhookEndpoint.objects.create(
        name="Channel", url="https://hooks.example/1", events=[Event.CASE_ESCALATED]
    )
    return WebhookDelivery.objects.create(
        endpoint=endpoint,
        event=Event.CASE_ESCALATED,
        event_id="6f1c1b9e-0000-4000-8000-000000000001",
        body="{}",
    )


def answers_hostile_parameters(client, url: str, values: list[str], listing: str) -> None:
    page = send(client, "get", url)
    assert page.status_code == 200, f"cannot open {listing}"
    for parameter in sorted(parameters_on(page.body_text)):
        for value in values:
            response = send(client, "get", url, {parameter: value})

            assert response.status_code in (200, 302, 400, 403, 404), (
                f"{listing} ?{parameter}={value[:30]!r}: {response.status_code}"
            )


@pytest.mark.parametrize("listing", list(ADMIN_LISTINGS))
@pytest.mark.parametrize("role", ["owner", "leader"])
def test_admin_listings_answer_hostile_parameters_without_a_server_error(
    client, request, policy, case, role, listing
):
    route, shown = ADMIN_LISTINGS[listing]
    record = {"area": policy.get_parent(), "case": case, "policy": policy}.get(shown)
    url = reverse(route, args=[record.pk] if record else [])
    client.force_login(request.getfixturevalue(role))

    answers_hostile_parameters(client, url, VALUES_SENT_AS[role], f"{listing} as {role}")


@pytest.mark.parametrize("listing", list(LEADERSHIP_LISTINGS))
def test_leaderships_own_listings_answer_hostile_parameters_without_a_server_error(
    client, leader, delivery, listing
):
    route, shown = LEADERSHIP_LISTINGS[listing]
    record = {"delivery": delivery}.get(shown)
    client.force_login(leader)

    answers_hostile_parameters(
        client, reverse(route, args=[record.pk] if record else []), HOSTILE_VALUES, listing
    )


# Admin pages that name a record by its id, and the roles that open them.
PAGES_BY_ID = {
    "owner": [
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:history",
        "wagtailadmin_pages:copy",
        "wagtailadmin_explore",
        "cases:inspect",
        "cases:edit",
    ],
}
PAGES_BY_ID["leader"] = [
    *PAGES_BY_ID["owner"],
    "webhook_endpoints:edit",
    "webhook_endpoints:delete",
    "webhook_endpoints:history",
    "webhook_deliveries:inspect",
]


@pytest.mark.parametrize("role", ["owner", "leader"])
def test_admin_pages_named_by_hostile_ids_are_not_found(client, request, policy, role):
    client.force_login(request.getfixturevalue(role))

    for route in PAGES_BY_ID[role]:
        for number in [2**63, 2**64, 10**30]:
            url = reverse(route, args=[1]).replace("/1/", f"/{number}/")
            for method in ("get", "post"):
                assert send(client, method, url).status_code == 404, f"{method} {url}"


def test_the_case_standing_form_refuses_bad_input_next_to_its_fields(client, owner, case):
    client.force_login(owner)
    url = reverse("cases:edit", args=[case.pk])
    before = stored_rows()

    for text, _message in REFUSED_TEXT.values():
        response = send(client, "post", url, {"standing": "overruled", "change_reason": text})
        assert response.status_code == 200
        assert "change_reason" in response.context["form"].errors
    for value in [*UNKNOWN_IDS, *KEPT_TEXT.values()]:
        response = send(client, "post", url, {"standing": value, "change_reason": "Reason."})
        assert "standing" in response.context["form"].errors, value[:40]
    assert stored_rows() == before
    assert Precedent.objects.get(pk=case.pk).standing == case.standing


def test_the_policy_editor_refuses_bad_text_and_keeps_what_was_typed(client, owner, policy):
    client.force_login(owner)
    url = reverse("wagtailadmin_pages:edit", args=[policy.pk])
    revisions = policy.revisions.count()

    for field in ["title", "summary", "change_summary"]:
        for value in [NUL_BYTE, ONE_MEGABYTE]:
            typed = {"change_summary": "Typed summary.", field: value}
            data = policy_form_data(
                client, policy, action="action-submit", change_kind="editorial", **typed
            )
            response = send(client, "post", url, data)

            assert response.status_code == 200, field
            assert field in response.context["form"].errors, field
    assert policy.revisions.count() == revisions


def test_the_policy_editor_takes_hostile_text_as_text(client, owner, policy):
    client.force_login(owner)
    url = reverse("wagtailadmin_pages:edit", args=[policy.pk])

    for name, text in KEPT_TEXT.items():
        data = policy_form_data(
            client, policy, summary=text, change_summary=text, change_kind="editorial"
        )
        response = send(client, "post", url, data)

        assert response.status_code == 302, name
        edited = send(client, "get", url).body_text
        assert "<script>alert(" not in edited.split('id="id_summary"', 1)[1][:500], name


def test_the_copy_form_answers_a_hand_made_post_without_a_server_error(client, leader, policy):
    client.force_login(leader)
    url = reverse("wagtailadmin_pages:copy", args=[policy.pk])

    for parent in ["", *UNKNOWN_IDS]:
        data = {"new_title": "Copy", "new_slug": "copy", "new_parent_page": parent}
        response = send(client, "post", url, data)

        assert response.status_code in (200, 302, 400, 404), parent[:40]
    response = send(client, "post", url, {"new_title": "Copy", "new_slug": "copy"})
    assert response.status_code in (200, 302, 400), "no parent at all"
