"""The main journeys through the portal, as their users click through them."""

import pytest
from playwright.sync_api import expect

from tests.browser.login import fill_login_form

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def path_fact(page, path_name, fact):
    """Return the value shown for `fact` ("Who may grant it", "Up to") of an exception path."""
    path = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=path_name))
    return path.locator(f"dt:text-is('{fact}') + dd")


def test_staff_find_the_rule_for_a_situation_and_read_why_and_how_far_to_bend_it(
    page, staff, policy
):
    page.goto("/")
    fill_login_form(page, "staff")
    expect(page.get_by_role("heading", name="Policy areas")).to_be_visible()

    header = page.get_by_role("banner")
    header.get_by_role("combobox", name="Search policies").fill("late return")
    header.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Returns within 30 days").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Returns within 30 days")
    expect(page.get_by_role("region", name="Why it exists")).to_contain_text(
        "Returned stock must still be sellable."
    )
    expect(path_fact(page, "Late return", "Who may grant it")).to_have_text("Staff")
    expect(path_fact(page, "Late return", "Up to")).to_have_text("14 days")
    expect(path_fact(page, "Refund without receipt", "Who may grant it")).to_have_text("Supervisor")
    expect(path_fact(page, "Refund without receipt", "Up to")).to_have_text("150 EUR")


def test_an_owner_change_to_a_limit_reaches_staff_once_leadership_approves(
    open_tab, page, staff, policy, leader
):
    page.goto("/admin/")
    fill_login_form(page, "owner")
    page.get_by_placeholder("Search all pages").fill("Returns within 30 days")
    page.get_by_placeholder("Search all pages").press("Enter")
    page.get_by_role("link", name="Returns within 30 days").click()

    page.get_by_role("tab", name="Exception paths").click()
    late_return = page.get_by_role("region", name="Exception path 1", exact=True)
    expect(late_return.get_by_label("Name")).to_have_value("Late return")
    late_return.get_by_label("Limit", exact=True).fill("21")
    page.get_by_role("tab", name="Rule").click()
    page.get_by_label("Change summary").fill("Late returns accepted up to 21 days.")
    page.get_by_label("Substantive").check()
    actions = page.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="More actions").click()
    expect(actions.get_by_role("button", name="Publish")).to_have_count(0)
    actions.get_by_role("button", name="Submit to Policy approval").click()
    expect(page.get_by_text("has been submitted for moderation")).to_be_visible()

    reader = open_tab()
    reader.goto(policy.url)
    fill_login_form(reader, "staff")
    expect(path_fact(reader, "Late return", "Up to")).to_have_text("14 days")

    approver = open_tab()
    approver.goto("/admin/")
    fill_login_form(approver, "leader")
    submission = approver.get_by_role("region", name="Awaiting your review").get_by_role(
        "row", name="Returns within 30 days"
    )
    submission.get_by_role("button", name="Actions").click()
    submission.get_by_role("button", name="Approve", exact=True).click()
    expect(submission).to_have_count(0)

    reader.reload()
    expect(path_fact(reader, "Late return", "Up to")).to_have_text("21 days")
