"""Staff with a customer in front of them: a misspelt search finds the rule, its card
says what they may grant, and the case is recorded in one submit, on a desk and a phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.case_form import DAMAGED_ITEM_PATHS
from tests.browser.conftest import DESKTOP
from tests.browser.test_pages import PHONE
from tests.policies.factories import PolicyPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "375"])
def test_staff_find_the_rule_with_a_typo_see_they_may_grant_it_and_record_it_in_one_submit(
    page, log_in_as, staff, area, owner, leader, save_screenshot, viewport
):
    policy = PolicyPageFactory(
        area=area,
        owner=owner,
        approver=leader,
        title="Refunds for goods damaged on arrival",
        summary="Items that arrive damaged are refunded once the customer sends a photo.",
        paths=DAMAGED_ITEM_PATHS,
    )
    page.set_viewport_size(viewport)
    log_in_as(staff)

    page.goto("/")
    page.get_by_role("searchbox").first.fill("refnud damagd")
    page.keyboard.press("Enter")

    expect(page.get_by_text("Showing results for “refund damaged”.")).to_be_visible()
    card = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=policy.title, exact=True)
    )
    expect(card).to_contain_text("Staff may grant: up to 50 EUR, on the spot")
    save_screenshot("search-typo-card")

    card.get_by_role("link", name=policy.title, exact=True).click()
    page.get_by_role("link", name="Record a case under this policy").click()
    page.get_by_label("Situation").fill("The mixer's bowl arrived cracked; photo attached.")
    expect(page.get_by_role("region", name="Has this happened before?")).to_be_visible()
    page.get_by_role("radio", name="Goodwill refund").check()
    page.get_by_label("Amount or quantity").fill("35")
    hint = page.locator("[data-authority-hint]")
    expect(hint.get_by_role("paragraph")).to_have_text("Within your authority.")
    expect(hint.get_by_role("button")).to_be_hidden()
    page.get_by_label("Why this decision").fill("The photo shows the crack.")
    save_screenshot("record-within-authority")

    page.get_by_role("button", name="Record the decision").click()

    expect(page).to_have_url(re.compile(r"/cases/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text("Case recorded")
    expect(page.locator("dt:text-is('Outcome') + dd")).to_have_text("Granted within a path")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
