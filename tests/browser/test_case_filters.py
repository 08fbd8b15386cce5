"""Staff narrow the case list to one policy by typing part of its title and picking it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_pages import blocking_violations
from tests.exceptions.factories import record_case
from tests.policies.factories import PolicyPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 375, "height": 812}


def test_staff_type_part_of_a_title_pick_the_policy_and_see_only_its_cases(
    page, log_in_as, staff, policy, area, owner, leader
):
    loans = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Loan devices")
    PolicyPageFactory(area=area, owner=owner, approver=leader, title="Loyalty points")
    record_case(policy, staff, path_name="Late return", amount="5", situation="Jacket late")
    record_case(loans, staff, granted=False, situation="Laptop kept a week longer")
    log_in_as(staff)
    page.goto("/cases/")

    field = page.get_by_role("combobox", name="Policy")
    field.press_sequentially("lo")
    options = page.get_by_role("listbox", name="Matching policies").get_by_role("option")
    expect(options).to_have_text(["Loan devices", "Loyalty points"])
    field.press("ArrowDown")
    field.press("Enter")
    expect(field).to_have_value("Loan devices")
    page.get_by_role("button", name="Filter", exact=True).click()

    expect(page).to_have_url(re.compile(rf"/cases/\?(.*&)?policy={loans.pk}(&|$)"))
    assert "policy_search" not in page.url
    rows = page.locator(".case-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Laptop kept a week longer")
    expect(page.get_by_role("combobox", name="Policy")).to_have_value("Loan devices")

    page.set_viewport_size(PHONE)
    page.get_by_role("combobox", name="Policy").fill("")
    page.get_by_role("combobox", name="Policy").press_sequentially("retu")
    expect(
        page.get_by_role("listbox", name="Matching policies").get_by_role("option")
    ).to_have_text([policy.title])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "case-filters-picking-375.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not blocking_violations(page)
