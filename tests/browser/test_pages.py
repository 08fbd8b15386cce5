"""Every front-end page passes axe-core, fits a 375 px phone and is screenshotted.

Screenshots land in var/screenshots/<page>-<width>.png for a person to look at.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from policies.choices import Flexibility
from tests.browser.login import fill_login_form
from tests.policies.factories import PolicyPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 812}
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def rulebook(area, policy, owner, leader):
    """An area holding a flexible policy (with two exception paths) and a firm one."""
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
    return {"area": area, "policy": policy, "firm": firm}


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


def open_search_without_results(page, rulebook):
    page.goto("/search/?q=zeppelin")


def open_login(page, rulebook):
    page.goto("/accounts/login/")


def open_login_with_error(page, rulebook):
    page.goto("/accounts/login/")
    fill_login_form(page, "staff", password="not the password")
    page.get_by_text("Please enter a correct username and password").wait_for()


# name -> (how to open it, whether it needs a logged-in user)
FRONT_END_PAGES = {
    "home": (open_home, True),
    "area": (open_area, True),
    "policy": (open_policy, True),
    "firm-policy": (open_firm_policy, True),
    "search-results": (open_search_results, True),
    "search-no-results": (open_search_without_results, True),
    "login": (open_login, False),
    "login-error": (open_login_with_error, False),
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


@pytest.mark.parametrize("name", FRONT_END_PAGES)
def test_page_is_accessible_and_fits_a_phone(
    page, log_in_as, save_screenshot, rulebook, staff, name
):
    open_page, needs_login = FRONT_END_PAGES[name]
    if needs_login:
        log_in_as(staff)

    open_page(page, rulebook)

    assert blocking_violations(page) == ""
    save_screenshot(name)

    page.set_viewport_size(PHONE)
    assert blocking_violations(page) == ""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
        f"{name} scrolls sideways at {PHONE['width']} px"
    )
    save_screenshot(name)
