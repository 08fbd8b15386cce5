"""An owner's change goes to leadership with its replay; leadership approves it in the portal."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.login import fill_login_form
from tests.browser.test_pages import PHONE
from tests.clock import clock_at
from tests.exceptions.factories import decide, record_case

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def waited(policy, staff, leader):
    """A return 20 days late, over staff's 14-day limit: escalated, granted 20 hours later."""
    asked_at = timezone.now() - datetime.timedelta(days=12)
    with clock_at(asked_at):
        case = record_case(
            policy,
            staff,
            path_name="Late return",
            amount="20",
            escalate=True,
            situation="Customer was abroad for work when the window closed.",
        )
    with clock_at(asked_at + datetime.timedelta(hours=20)):
        return decide(case, leader)


def test_an_owner_raises_a_staff_limit_and_leadership_approves_it_with_its_replay(
    open_tab, page, policy, waited, leader
):
    page.goto("/admin/")
    fill_login_form(page, "owner")
    page.goto(f"/admin/pages/{policy.pk}/edit/")
    page.get_by_role("tab", name="Exception paths").click()
    late_return = page.get_by_role("region", name="Exception path 1", exact=True)
    late_return.get_by_label("Limit", exact=True).fill("30")
    page.get_by_role("tab", name="Change note").click()
    page.get_by_label("Change summary").fill("Staff accept late returns up to 30 days.")
    page.get_by_label("Substantive").check()
    page.get_by_label(re.compile(rf"(^|\s)#{waited.pk} ·")).check()
    actions = page.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="More actions").click()
    actions.get_by_role("button", name="Submit to Policy approval").click()
    expect(page.get_by_text("has been submitted for moderation")).to_be_visible()

    approver = open_tab()
    approver.goto("/")
    fill_login_form(approver, "leader")
    approver.get_by_role("link", name="1 policy change waiting for approval").click()
    change = approver.get_by_role("listitem").filter(has_text="Returns within 30 days")
    expect(change).to_contain_text("Staff accept late returns up to 30 days.")
    expect(change).to_contain_text(
        "1 escalation its recorder could have decided (20 hours of waiting saved)"
    )
    save_at_both_widths(approver, "approvals-inbox")
    change.get_by_role("link", name="Review the change").click()

    expect(approver.get_by_role("heading", level=1)).to_have_text(
        "Change to “Returns within 30 days”"
    )
    saved = approver.get_by_role("region", name="Escalations the recorder could have decided: 1")
    expect(saved.get_by_role("link", name=re.compile(rf"^#{waited.pk} "))).to_be_visible()
    limit = approver.locator(".path").filter(has_text="Late return").locator("ins")
    expect(limit).to_have_text("added: 30 days")
    save_at_both_widths(approver, "approval-review")
    approver.get_by_label("Comment (optional)").fill("Leadership was deciding what staff can.")
    approver.get_by_role("button", name="Approve").click()
    expect(approver.get_by_role("status")).to_contain_text("Approved")
    expect(approver.get_by_text("No policy change is waiting for approval.")).to_be_visible()

    approver.goto(f"{policy.url}history/")
    latest = approver.get_by_role("listitem").filter(
        has=approver.get_by_role("heading", name="Version 2")
    )
    expect(latest).to_contain_text("What the approver saw")
    expect(latest).to_contain_text("Leadership was deciding what staff can.")
    expect(latest).to_contain_text(
        "1 escalation its recorder could have decided (20 hours of waiting saved)"
    )
    expect(latest).to_contain_text(leader.get_full_name())


def save_at_both_widths(tab, name):
    """Save screenshots of `tab` at desktop and phone widths; at neither may it scroll
    sideways."""
    desktop = tab.viewport_size
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for size in (desktop, PHONE):
        tab.set_viewport_size(size)
        tab.screenshot(path=SCREENSHOTS / f"{name}-{size['width']}.png", full_page=True)
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    tab.set_viewport_size(desktop)
