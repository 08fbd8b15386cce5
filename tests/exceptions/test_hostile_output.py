"""Whatever a user typed into a case comes back as text on every page, and inert in CSV."""

import csv
import io
import uuid

import pytest
from django.urls import reverse
from django.utils.html import escape

from exceptions.csv_export import FORMULA_TRIGGERS
from exceptions.models import Precedent
from tests.exceptions.factories import shown
from tests.hostile import send

pytestmark = pytest.mark.django_db

TYPED = {
    "situation": 'Jacket refund <script>alert("situation")</script>',
    "rationale": 'Late but unused "><img src=x onerror=alert("rationale")>',
    "tags": "<b>bold</b>, =1+1",
    "corrected situation": 'Jacket refund, corrected <script>alert("corrected")</script>',
    "change reason": "<i>typo</i> fixed",
    "decision rationale": '=HYPERLINK("http://example.com") <svg onload=alert("decision")>',
    "follow-up notes": '+cmd|" /C calc"!A0 <iframe src=javascript:alert("notes")>',
    "withdrawal reason": '-2+3 <script>alert("withdrawn")</script>',
}
MARKUP = ["<script>alert(", "<img src=x", "<svg onload", "<iframe src", "<b>bold", "<i>typo"]


def send_change(client, case, route, data):
    """Send one of the case page's forms, opened just now; it must be taken."""
    response = send(
        client,
        "post",
        reverse(route, args=[case.pk]),
        {**data, "seen_change_count": shown(case)},
    )
    assert response.status_code == 302, route


def assert_shown_as_text(html, *typed):
    for fragment in MARKUP:
        assert fragment not in html
    for text in typed:
        assert escape(text) in html


@pytest.fixture
def hostile_case(client, staff, supervisor, policy):
    """A case that went through every form with markup and formulas typed in."""
    client.force_login(staff)
    path = policy.exception_paths.get(name="Refund without receipt")
    send(
        client,
        "post",
        reverse("exceptions:record"),
        {
            "policy": policy.pk,
            "situation": TYPED["situation"],
            "decision": f"path-{path.pk}",
            "amount": "90",
            "rationale": TYPED["rationale"],
            "channel": "email",
            "tags": TYPED["tags"],
            "escalate": "1",
            "submission_token": str(uuid.uuid4()),
        },
    )
    case = Precedent.objects.get()
    send(
        client,
        "post",
        reverse("exceptions:edit", args=[case.pk]),
        {
            "situation": TYPED["corrected situation"],
            "rationale": TYPED["rationale"],
            "channel": "email",
            "tags": TYPED["tags"],
            "change_reason": TYPED["change reason"],
            "seen_change_count": case.change_count,
        },
    )
    return case


def test_case_pages_show_what_was_typed_as_text(client, staff, supervisor, policy, hostile_case):
    pages = {
        "case": (hostile_case.get_absolute_url(), [TYPED["corrected situation"]]),
        "history": (
            reverse("exceptions:history", args=[hostile_case.pk]),
            [TYPED["situation"], TYPED["change reason"]],
        ),
        "list": (reverse("exceptions:list"), []),
        "list by tag": (reverse("exceptions:list") + "?tag=%3Cb%3Ebold%3C%2Fb%3E", []),
        "search": (reverse("search") + "?q=jacket+corrected", []),
        "similar": (
            reverse("exceptions:similar") + f"?policy={policy.pk}&q=jacket+refund+corrected",
            [],
        ),
        "home": ("/", []),
        "policy": (policy.url, []),
        "correction form": (
            reverse("exceptions:edit", args=[hostile_case.pk]),
            [TYPED["corrected situation"]],
        ),
    }
    for name, (url, typed) in pages.items():
        html = send(client, "get", url).body_text
        assert_shown_as_text(html, *typed)
        assert hostile_case.get_absolute_url() in html, name

    client.force_login(supervisor)
    assert_shown_as_text(send(client, "get", reverse("exceptions:escalations")).body_text)


def test_decision_follow_up_and_withdrawal_show_as_text(client, staff, supervisor, hostile_case):
    client.force_login(supervisor)
    decide = {"decision": "grant", "rationale": TYPED["decision rationale"]}
    send_change(client, hostile_case, "exceptions:decide", decide)
    client.force_login(staff)
    follow_up = {"result": "resolved", "notes": TYPED["follow-up notes"]}
    send_change(client, hostile_case, "exceptions:follow_up", follow_up)
    withdraw = {"reason": TYPED["withdrawal reason"]}
    send_change(client, hostile_case, "exceptions:withdraw", withdraw)

    case_page = send(client, "get", hostile_case.get_absolute_url()).body_text
    history = send(client, "get", reverse("exceptions:history", args=[hostile_case.pk])).body_text

    typed = [TYPED["decision rationale"], TYPED["follow-up notes"], TYPED["withdrawal reason"]]
    assert_shown_as_text(case_page, *typed)
    assert_shown_as_text(history, *typed)


def test_csv_export_keeps_typed_formulas_inert(client, staff, supervisor, hostile_case):
    client.force_login(supervisor)
    decide = {"decision": "grant", "rationale": TYPED["decision rationale"]}
    send_change(client, hostile_case, "exceptions:decide", decide)
    client.force_login(staff)

    exported = send(client, "get", reverse("exceptions:export")).body_text

    header, row = list(csv.reader(io.StringIO(exported)))
    cells = dict(zip(header, row, strict=True))
    assert cells["situation"] == TYPED["corrected situation"]
    assert cells["decision rationale"] == "'" + TYPED["decision rationale"]
    assert not [cell for cell in row if cell.startswith(FORMULA_TRIGGERS)]
