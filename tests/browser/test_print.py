"""A printed policy is a record of one version: what it says, which one, and nothing to act on.

Chromium lays the page out for print here, as it does when someone prints it;
the print it makes is saved to var/screenshots/ for a person to look at.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.exceptions.factories import record_case

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.mark.parametrize("reader", ["staff", "owner"])
def test_the_printed_policy_shows_the_rule_and_its_version_and_nothing_to_act_on(
    request, page, log_in_as, live_server, policy, leader, staff, reader
):
    record_case(policy, staff, path_name="Late return", amount="5")
    log_in_as(request.getfixturevalue(reader))
    page.goto(policy.url)
    on_screen = {
        "staff": "I have read and understood this policy",
        "owner": "Reviewed, still valid",
    }[reader]
    expect(page.get_by_role("button", name=on_screen)).to_be_visible()
    admin_button = page.locator("[data-wagtail-userbar-trigger]")
    expect(admin_button).to_have_count(1 if reader == "owner" else 0)
    if reader == "owner":
        expect(admin_button).to_be_visible()

    page.emulate_media(media="print")

    record = page.locator(".record-header")
    expect(record).to_be_visible()
    expect(record).to_contain_text("Returns within 30 days · version 1")
    expect(record).to_contain_text(f"Approved by {leader.get_full_name()}.")
    expect(record).to_contain_text(f"{live_server.url}{policy.url}")
    expect(record).to_contain_text(f"printed on {timezone.localdate():%-d %B %Y}")
    expect(page.locator(".record-footer")).to_contain_text("version 1, in force since")
    for section in (
        "The rule",
        "Why it exists",
        "Sanctioned exception paths",
        "How to explain it to a customer",
        "About this policy",
    ):
        expect(page.get_by_role("region", name=section)).to_be_visible()
    for interactive in page.locator("button, form, input, textarea, select").all():
        expect(interactive).to_be_hidden()
    for gone in (
        page.get_by_role("link", name="Record a case under this policy"),
        page.get_by_role("region", name="Cases under this policy"),
        page.get_by_role("link", name="History: every published version"),
        page.get_by_role("link", name="Download PDF of version 1"),
        page.get_by_role("banner"),
        admin_button,
    ):
        expect(gone).to_be_hidden()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.pdf(path=SCREENSHOTS / f"policy-print-{reader}.pdf", format="A4")
