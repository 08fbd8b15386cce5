"""Every front-end page passes axe-core, fits a 375 px phone and is screenshotted.

Screenshots land in var/screenshots/<page>-<width>.png for a person to look at.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from policies.choices import Flexibility
from tests.browser.case_form import fill_case_form
from tests.browser.conftest import DESKTOP
from tests.browser.login import fill_login_form
from tests.clock import clock_at, local_time
from tests.exceptions.factories import record_case
from tests.policies.factories import PolicyPageFactory, publish_version, submit_version

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 375, "height": 812}
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def rulebook(area, owner, leader, staff):
    """An area holding a flexible policy and a firm one, and two cases under the flexible one.

    The flexible policy has two exception paths and two versions: the first went
    live on 10 January 2025, the second (a longer return window) on 1 March 2025.
    Of its cases one was granted by staff and one waits for a supervisor.
    """
    with clock_at(local_time(2025, 1, 10, 9, 0)):
        policy = PolicyPageFactory(
            area=area, owner=owner, approver=leader, title="Returns within 30 days"
        )
    with clock_at(local_time(2025, 3, 1, 9, 0)):
        publish_version(
            policy,
            approver=leader,
            summary="Unused items may be returned within 45 days.",
            rule="<p>We accept returns of unused items within 45 days.</p>",
        )
    firm = PolicyPageFactory(
        area=area,
        owner=owner,
        approver=leader,
        title="Age check for alcohol",
        slug="age-check-for-alcohol",
        summary="Alcohol is delivered only to adults who show identification.",
        rule="<p>The courier hands alcohol over only after checking an identity document.</p>",
        rationale="<p>Selling alcohol to minors is against the law.</p>",
        how_to_explain="<p>Explain that the law requires the check, every time.</p>",
        flexibility=Flexibility.FIRM,
        paths=[],
    )
    policy.refresh_from_db()
    return {
        "area": area,
        "policy": policy,
        "firm": firm,
        # A pasted tracking link: one word longer than a phone is wide.
        "granted": record_case(
            policy,
            staff,
            path_name="Late return",
            amount="5",
            situation="Jacket returned five days late; tracking "
            "https://parcels.example.com/track/" + "7Q" * 40,
        ),
        "escalated": record_case(
            policy,
            staff,
            path_name="Refund without receipt",
            amount="90",
            escalate=True,
            situation="Customer returned a kettle bought in store and lost the receipt.",
        ),
    }


def open_home(page, rulebook):
    page.goto("/")


def open_area(page, rulebook):
    page.goto(rulebook["area"].url)


def open_policy(page, rulebook):
    page.goto(rulebook["policy"].url)


def open_firm_policy(page, rulebook):
    page.goto(rulebook["firm"].url)


def open_search_results(page, rulebook):
    page.goto("/search/?q=returns")
    results = page.locator(".result-list")
    expect(results.get_by_text("Policy", exact=True).first).to_be_visible()
    expect(results.get_by_text("Case #").first).to_be_visible()


def open_search_without_results(page, rulebook):
    page.goto("/search/?q=zeppelin")


def open_login(page, rulebook):
    page.goto("/accounts/login/")


def open_login_with_error(page, rulebook):
    page.goto("/accounts/login/")
    fill_login_form(page, "staff", password="not the password")
    page.get_by_text("Please enter a correct username and password").wait_for()


def open_policies_a_to_z(page, rulebook):
    page.goto("/policies/")
    expect(page.get_by_role("heading", name="A", exact=True)).to_be_visible()


def open_filtered_case_list(page, rulebook):
    page.goto(f"/cases/?policy={rulebook['policy'].pk}&outcome=granted")
    expect(page.get_by_text("1 case", exact=True)).to_be_visible()


def open_case_to_decide(page, rulebook):
    page.goto(rulebook["escalated"].get_absolute_url())
    expect(page.get_by_role("heading", name="Decide this case")).to_be_visible()


def open_case_form(page, rulebook):
    page.goto(f"/cases/new/?policy={rulebook['policy'].pk}")


def open_case_form_with_errors(page, rulebook):
    open_case_form(page, rulebook)
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()


def open_case_form_offering_escalation(page, rulebook):
    open_case_form(page, rulebook)
    fill_case_form(
        page,
        situation="Customer returned boots 20 days after the window.",
        path="Late return",
        amount="20",
        rationale="The boots are unworn.",
    )
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("button", name="Escalate to leadership")).to_be_visible()


def open_escalations(page, rulebook):
    page.goto("/cases/escalations/")
    expect(page.get_by_role("link", name=f"#{rulebook['escalated'].pk}")).to_be_visible()


def open_policy_history(page, rulebook):
    page.goto(f"{rulebook['policy'].url}history/")


def open_comparison(page, rulebook):
    page.goto(f"{rulebook['policy'].url}history/1...2/")


def open_policy_as_of_a_past_day(page, rulebook):
    page.goto(f"{rulebook['policy'].url}as-of/2025-02-01/")
    expect(page.get_by_text("This is not the current version.")).to_be_visible()


def open_insights(page, rulebook):
    page.goto("/insights/")
    expect(page.get_by_role("img", name=re.compile("^Bar chart"))).to_be_visible()


def open_acknowledgement_coverage(page, rulebook):
    page.goto("/insights/acknowledgements/")


def open_changes(page, rulebook):
    page.goto("/changes/")
    expect(page.get_by_text("Unused items may be returned within 45 days.")).to_be_visible()


def open_new_feed_link(page, rulebook):
    page.goto("/changes/feed-link/")
    page.get_by_role("button", name="Make a private feed link").click()
    expect(page.get_by_label("Copy your private feed link")).to_be_visible()


def open_approvals(page, rulebook):
    submit_version(rulebook["policy"], summary="Late returns accepted up to 60 days.")
    page.goto("/approvals/")
    expect(page.get_by_text("Late returns accepted up to 60 days.")).to_be_visible()


def open_approval_review(page, rulebook):
    page.goto(f"/approvals/{rulebook['policy'].pk}/")
    expect(page.get_by_role("button", name="Approve")).to_be_visible()


def open_missing_page(page, rulebook):
    page.goto("/no-such-area/no-such-policy/")


def open_page_not_allowed(page, rulebook):
    page.goto("/cases/escalations/")


# Who looks (a user fixture's name, or "anonymous") -> the pages they open, by name.
FRONT_END_PAGES = {
    "anonymous": {
        "login": open_login,
        "login-error": open_login_with_error,
    },
    "staff": {
        "home": open_home,
        "area": open_area,
        "policy": open_policy,
        "firm-policy": open_firm_policy,
        "search-results": open_search_results,
        "search-no-results": open_search_without_results,
        "policies-a-to-z": open_policies_a_to_z,
        "case-list-filtered": open_filtered_case_list,
        "case-form-errors": open_case_form_with_errors,
        "case-form-escalation": open_case_form_offering_escalation,
        "policy-history": open_policy_history,
        "policy-comparison": open_comparison,
        "policy-as-of": open_policy_as_of_a_past_day,
        "not-found": open_missing_page,
        "not-allowed": open_page_not_allowed,
    },
    "supervisor": {
        "case-to-decide": open_case_to_decide,
        "escalations": open_escalations,
    },
    "leader": {
        "insights": open_insights,
        "acknowledgement-coverage": open_acknowledgement_coverage,
        "changes": open_changes,
        "feed-link": open_new_feed_link,
        "approvals": open_approvals,
        "approval-review": open_approval_review,
    },
}


def blocking_violations(page) -> str:
    """Return axe-core's report of serious and critical violations; empty when there are none."""
    results = Axe().run(page)
    blocking = {
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    }
    return "".join(results.generate_report(violation_id) for violation_id in sorted(blocking))


def problems_at_each_width(page, save_screenshot, name) -> list[str]:
    """Check the open page at desktop width, then at phone width, with a screenshot of each.

    Returns what is wrong, in words; an empty list when nothing is.
    """
    problems = []
    for size in (page.viewport_size, PHONE):
        page.set_viewport_size(size)
        if report := blocking_violations(page):
            problems.append(f"axe-core at {size['width']} px:\n{report}")
        save_screenshot(name)
    if not page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"):
        problems.append(f"scrolls sideways at {PHONE['width']} px")
    return problems


@pytest.mark.parametrize("visitor", FRONT_END_PAGES)
def test_every_page_is_accessible_and_fits_a_phone(
    request, page, log_in_as, save_screenshot, rulebook, visitor
):
    # One test per visitor rather than per page: each browser test pays for emptying
    # and refilling the database, which costs more than the page checks themselves.
    if visitor != "anonymous":
        log_in_as(request.getfixturevalue(visitor))
    desktop = page.viewport_size

    problems = {}
    for name, open_page in FRONT_END_PAGES[visitor].items():
        page.set_viewport_size(desktop)
        open_page(page, rulebook)
        problems[name] = problems_at_each_width(page, save_screenshot, name)

    failing = {name: found for name, found in problems.items() if found}
    assert not failing, "\n\n".join(
        f"{name}: " + "\n".join(found) for name, found in failing.items()
    )


def test_a_phone_shows_one_search_box_the_queue_first_and_filters_behind_a_button(
    page, log_in_as, save_screenshot, rulebook, staff
):
    log_in_as(staff)
    page.set_viewport_size(PHONE)

    page.goto("/")
    expect(page.get_by_role("searchbox")).to_have_count(1)
    queue = page.get_by_role("heading", name="Your queue").bounding_box()
    areas = page.get_by_role("heading", name="Policy areas").bounding_box()
    assert queue["y"] < areas["y"]
    save_screenshot("home-phone")

    page.goto("/cases/")
    text_filter = page.get_by_label("Text")
    expect(text_filter).to_be_hidden()
    page.set_viewport_size(DESKTOP)
    expect(text_filter).to_be_visible()
    problems = problems_at_each_width(page, save_screenshot, "case-list")
    expect(text_filter).to_be_hidden()
    page.locator("summary").get_by_text("Filter").click()
    expect(text_filter).to_be_visible()
    if report := blocking_violations(page):
        problems.append(f"axe-core with the filters opened:\n{report}")

    page.goto(f"/cases/?policy={rulebook['policy'].pk}")
    expect(page.get_by_label("Policy", exact=True)).to_be_visible()
    assert not problems, "\n".join(problems)
