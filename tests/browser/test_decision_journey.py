"""A supervisor works through the escalation queue: grants less than asked on one case,
and asks the recorder a question about another, which comes back answered."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.login import fill_login_form
from tests.browser.test_pages import blocking_violations
from tests.exceptions.factories import record_case

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

WIDTHS = (1280, 375)
QUESTION = "Does the card statement show the purchase date?"


def screenshots(tab, name):
    """Save the whole page at a desktop's and a phone's width, as it stands, and check
    at each that axe-core finds nothing serious and the phone never scrolls sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        tab.set_viewport_size({"width": width, "height": 800})
        tab.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        assert not blocking_violations(tab), name
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
    tab.set_viewport_size({"width": WIDTHS[0], "height": 800})


def fact(scope, term):
    return scope.locator(f"dt:text-is('{term}') + dd")


def test_a_supervisor_grants_less_and_asks_a_question_that_comes_back_answered(
    open_tab, page, staff, supervisor, policy
):
    for situation in ("Refund of a lamp bought without a receipt", "Gift returned unopened"):
        record_case(
            policy,
            staff,
            path_name="Refund without receipt",
            amount="90",
            escalate=True,
            situation=situation,
        )
    page.goto("/cases/escalations/")
    fill_login_form(page, "supervisor")
    lamp = page.get_by_role("row", name="Refund of a lamp")
    expect(lamp).to_contain_text("due tomorrow")
    expect(page.get_by_role("row", name="Gift returned")).to_contain_text("due tomorrow")
    screenshots(page, "escalation-queue")

    lamp.get_by_role("link").click()
    decision = page.get_by_role("region", name="Decide this case")
    decision.get_by_role("radio", name="Grant the exception").check()
    decision.get_by_label("Grant less than asked").fill("90")
    decision.get_by_label("Why").fill("Half the price: the lamp was a display model.")
    decision.get_by_role("button", name="Record my decision").click()
    expect(decision.get_by_label("Grant less than asked")).to_have_accessible_description(
        "Optional, in EUR. Leave it empty to grant the 90 EUR asked. "
        "Grant less than the 90 EUR asked, or leave this empty to grant it all."
    )
    decision.get_by_label("Grant less than asked").fill("40")
    decision.get_by_role("button", name="Record my decision").click()
    expect(page.get_by_role("status")).to_have_text("Decision recorded.")
    expect(fact(page, "Granted")).to_have_text("Granted 40 of 90 EUR asked")
    screenshots(page, "case-granted-less")

    page.goto("/cases/escalations/")
    page.get_by_role("row", name="Gift returned").get_by_role("link").click()
    page.get_by_text("Ask the recorder a question first").click()
    page.get_by_label("Your question to the recorder").fill(QUESTION)
    screenshots(page, "case-asking")
    page.get_by_role("button", name="Send the question").click()
    expect(page.get_by_role("status")).to_contain_text("Question sent.")
    page.goto("/cases/escalations/")
    expect(page.get_by_text("Nothing is waiting for your decision.")).to_be_visible()

    recorder = open_tab()
    recorder.goto("/")
    fill_login_form(recorder, "staff")
    expect(recorder.get_by_text(QUESTION)).to_be_visible()
    screenshots(recorder, "home-question-waiting")
    recorder.get_by_role("link", name="Gift returned unopened").first.click()
    recorder.get_by_label("Your answer").fill("Yes: bought on 2 November.")
    screenshots(recorder, "case-answering")
    recorder.get_by_role("button", name="Send my answer").click()
    expect(recorder.get_by_role("status")).to_contain_text("Answer sent.")

    page.reload()
    gift = page.get_by_role("row", name="Gift returned")
    expect(gift).to_contain_text("answered the question put to them")
    screenshots(page, "escalation-queue-answered")
    gift.get_by_role("link").click()
    expect(page.get_by_role("region", name="Question to the recorder")).to_contain_text(
        "Yes: bought on 2 November."
    )
    expect(page.get_by_role("region", name="Decide this case")).to_be_visible()
