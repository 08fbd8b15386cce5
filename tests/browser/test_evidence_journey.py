"""An owner reads a limit from the decisions, drafts it, checks its replay and submits it."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP
from tests.browser.login import fill_login_form
from tests.browser.test_pages import problems_at_each_width
from tests.clock import clock_at
from tests.exceptions.factories import decide, record_case

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def past_the_limit(policy, staff, leader):
    """Ten returns 15 to 18 days late, over staff's 14 days: each escalated to leadership
    and granted a day later."""
    cases = []
    for index in range(10):
        asked_at = timezone.now() - datetime.timedelta(days=60 - index * 5)
        with clock_at(asked_at):
            case = record_case(
                policy,
                staff,
                path_name="Late return",
                amount=str(15 + index % 4),
                escalate=True,
                situation=f"Unused item returned {15 + index % 4} days late after a trip.",
            )
        with clock_at(asked_at + datetime.timedelta(hours=24)):
            cases.append(decide(case, leader))
    return cases


def checked_at_both_widths(page, save_screenshot, name) -> list[str]:
    """Accessibility and fit at desktop then phone width, with screenshots; the tab is
    left at desktop width for the journey to go on."""
    problems = problems_at_each_width(page, save_screenshot, name)
    page.set_viewport_size(DESKTOP)
    return problems


def test_an_owner_drafts_the_suggested_limit_and_submits_it_with_its_replay(
    page, save_screenshot, policy, past_the_limit
):
    page.goto("/admin/")
    fill_login_form(page, "owner")
    page.goto("/insights/evidence/")

    suggestions = page.get_by_role("region", name="Suggested limits table")
    expect(suggestions).to_contain_text("Late return")
    expect(suggestions.get_by_role("cell", name="18 days")).to_be_visible()
    assert checked_at_both_widths(page, save_screenshot, "evidence") == []
    suggestions.get_by_role("link", name="Returns within 30 days").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Evidence for “Returns within 30 days”"
    )
    expect(page.get_by_text("Suggested limit: 18 days.")).to_be_visible()
    bands = page.get_by_role("region", name="Escalations above the limit of Late return")
    expect(bands.get_by_role("row", name=re.compile("^over 14 up to 16 days"))).to_be_visible()
    assert checked_at_both_widths(page, save_screenshot, "policy-evidence") == []
    page.get_by_role("button", name="Draft this change").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Change to “Returns within 30 days”")
    expect(page.get_by_role("status")).to_contain_text("Draft saved with its change note")
    expect(page.get_by_text("from 14 days to 18 days")).to_be_visible()
    spared = page.get_by_role("region", name="Escalations the recorder could have decided: 10")
    expect(
        spared.get_by_role("link", name=re.compile(rf"^#{past_the_limit[0].pk} "))
    ).to_be_visible()
    assert checked_at_both_widths(page, save_screenshot, "evidence-draft-review") == []
    page.get_by_role("link", name="Open in the editor").click()

    page.get_by_role("tab", name="Change note").click()
    expect(page.get_by_label("Change summary")).to_contain_text("from 14 days to 18 days")
    expect(page.get_by_label(re.compile(rf"(^|\s)#{past_the_limit[0].pk} ·"))).to_be_checked()
    actions = page.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="More actions").click()
    actions.get_by_role("button", name="Submit to Policy approval").click()
    expect(page.get_by_text("has been submitted for moderation")).to_be_visible()

    page.goto(f"/approvals/{policy.pk}/")
    expect(page.get_by_text("waiting for leadership's approval")).to_be_visible()
    expect(page.get_by_text("from 14 days to 18 days")).to_be_visible()
