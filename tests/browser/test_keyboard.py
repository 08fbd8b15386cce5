"""Logging in and finding a rule work with the keyboard alone, and focus is always visible."""

import pytest
from playwright.sync_api import expect

from tests.portal.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Enough to reach any control on the portal's pages; more means focus is lost or trapped.
MAX_TAB_PRESSES = 25

FOCUSED_ELEMENT = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
        element: element.outerHTML.slice(0, 120),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth),
        onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.left < innerWidth,
    };
}"""


def assert_focus_is_visible(page):
    focused = page.evaluate(FOCUSED_ELEMENT)
    assert focused["outlineStyle"] != "none", f"no focus outline on {focused['element']}"
    assert focused["outlineWidth"] >= 2, f"focus outline too thin on {focused['element']}"
    assert focused["onScreen"], f"focused element is off screen: {focused['element']}"


def tab_to(page, target):
    """Press Tab until `target` has the focus, checking that every stop on the way shows it."""
    # The focus style is in the stylesheet, which may still be arriving just after a navigation.
    page.wait_for_load_state()
    for _ in range(MAX_TAB_PRESSES):
        page.keyboard.press("Tab")
        assert_focus_is_visible(page)
        if target.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"{target} not reached in {MAX_TAB_PRESSES} presses of Tab")


def test_staff_log_in_search_and_open_a_rule_with_the_keyboard_alone(page, staff, policy):
    page.goto("/")

    expect(page.get_by_label("Username")).to_be_focused()
    assert_focus_is_visible(page)
    page.keyboard.type("staff")
    tab_to(page, page.get_by_label("Password"))
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Policy areas")).to_be_visible()

    tab_to(page, page.get_by_role("banner").get_by_role("combobox", name="Search policies"))
    page.keyboard.type("late return")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Search", level=1)).to_be_visible()

    tab_to(page, page.get_by_role("link", name="Returns within 30 days"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Returns within 30 days")


def test_the_skip_link_shows_on_focus_and_jumps_to_the_content(page, log_in_as, staff, policy):
    log_in_as(staff)
    page.goto(policy.url)

    tab_to(page, page.get_by_role("link", name="Skip to content"))
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    expect(
        page.get_by_role("navigation", name="Breadcrumb").get_by_role("link").first
    ).to_be_focused()


def test_staff_record_a_case_with_the_keyboard_alone(page, log_in_as, staff, policy):
    log_in_as(staff)
    page.goto(policy.url)

    tab_to(page, page.get_by_role("link", name="Record a case under this policy"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Record a case", level=1)).to_be_visible()

    tab_to(page, page.get_by_label("Situation"))
    page.keyboard.type("Customer returned shoes four days after the window.")
    late_return = page.get_by_role("radio", name="Late return")
    tab_to(page, late_return)
    page.keyboard.press("Space")
    expect(late_return).to_be_checked()
    tab_to(page, page.get_by_label("Amount or quantity"))
    page.keyboard.type("4")
    tab_to(page, page.get_by_label("Why this decision"))
    page.keyboard.type("Unworn; the delivery was late too.")
    channel = page.get_by_label("Channel")
    tab_to(page, channel)
    page.keyboard.type("In store")
    expect(channel).to_have_value("store")
    tab_to(page, page.get_by_role("button", name="Record the decision"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_have_text("Case recorded.")
    expect(page.get_by_text("Granted within a path").first).to_be_visible()
