"""Staff see whether a case is within their authority while they fill in the record form."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.case_form import DAMAGED_ITEM_PATHS
from tests.browser.conftest import DESKTOP
from tests.browser.login import fill_login_form
from tests.browser.test_pages import PHONE, problems_at_each_width
from tests.exceptions.factories import escalation_decided_after
from tests.policies.factories import PolicyPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def damaged_items_policy(area, owner, leader, staff, supervisor):
    """Staff refund a damaged item up to 50 EUR; above that, a supervisor up to 150 EUR,
    and six such escalations were decided lately, 9 in 10 within 12 hours."""
    policy = PolicyPageFactory(
        area=area,
        owner=owner,
        approver=leader,
        title="Refunds for damaged items",
        paths=DAMAGED_ITEM_PATHS,
    )
    for waited in (2, 3, 4, 5, 8, 16):
        escalation_decided_after(
            policy, staff, supervisor, hours=waited, path="Goodwill refund", amount="90"
        )
    return policy


def test_staff_see_their_authority_as_they_type_and_escalate_in_one_submit(
    page, staff, damaged_items_policy, save_screenshot
):
    page.goto(f"/cases/new/?policy={damaged_items_policy.pk}")
    fill_login_form(page, "staff")
    hint = page.locator("[data-authority-hint]").get_by_role("paragraph")
    escalate = page.get_by_role("button", name="Escalate to supervisor")
    page.get_by_label("Situation").fill("Customer's mixer arrived with a cracked bowl.")
    # Earlier cases show up above the decision; wait for them, so nothing moves later.
    expect(page.get_by_role("region", name="Has this happened before?")).to_be_visible()
    page.get_by_role("radio", name="Goodwill refund").check()

    page.get_by_label("Amount or quantity").fill("30")
    expect(hint).to_have_text("Within your authority.")
    expect(escalate).to_be_hidden()

    page.get_by_label("Amount or quantity").fill("90")
    expect(hint).to_contain_text(
        re.compile(
            r"^Needs a supervisor \(promised within 1 day; 9 in 10 answered within 12 hours: "
            r"tell the customer by (today|tomorrow) \d\d:00\)\.$"
        )
    )
    expect(escalate).to_be_visible()
    page.get_by_label("Why this decision").fill("The photo shows the crack.")
    save_screenshot("record-form-needs-a-supervisor")
    page.set_viewport_size(PHONE)
    expect(escalate).to_be_visible()
    save_screenshot("record-form-needs-a-supervisor")

    escalate.click()

    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))

    expect(page.get_by_role("status")).to_contain_text("Case escalated to supervisor.")
    outcome = page.locator("dt:text-is('Outcome') + dd")
    expect(outcome).to_have_text("Escalated, waiting for a decision")


def test_the_policy_page_and_insights_show_answer_times_against_the_promise(
    page, log_in_as, owner, damaged_items_policy, save_screenshot
):
    log_in_as(owner)
    page.goto(damaged_items_policy.url)
    goodwill = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Goodwill refund")
    )
    larger = page.get_by_role("listitem").filter(
        has=page.get_by_role("heading", name="Larger refund")
    )

    expect(goodwill.locator("dt:text-is('Answers in practice') + dd")).to_have_text(
        "Supervisors promise 1 day; half answered within 5 hours, 9 in 10 within 12 hours "
        "(6 cases, last 90 days)."
    )
    expect(larger.locator("dt:text-is('Answers in practice') + dd")).to_have_text(
        "Supervisors promise 1 day; no escalation was decided in the last 90 days."
    )
    assert problems_at_each_width(page, save_screenshot, "policy-answer-times") == []

    page.set_viewport_size(DESKTOP)
    page.goto("/insights/")
    answer_times = page.get_by_role("region", name="Answer times table")
    expect(answer_times.get_by_role("row", name="Goodwill refund")).to_contain_text("0%")
    assert problems_at_each_width(page, save_screenshot, "insights-answer-times") == []
