"""Errors on a form are announced, and each is tied to its field for screen readers."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

REQUIRED = "This field is required."


def test_errors_on_the_case_form_are_announced_and_describe_their_fields(
    page, log_in_as, staff, policy
):
    log_in_as(staff)
    page.goto(f"/cases/new/?policy={policy.pk}")

    page.get_by_role("button", name="Record the decision").click()

    expect(page.get_by_role("alert")).to_have_text([REQUIRED, REQUIRED, REQUIRED])
    situation = page.get_by_label("Situation")
    expect(situation).to_have_attribute("aria-invalid", "true")
    expect(situation).to_have_accessible_description(
        f"What the customer needed, and why. {REQUIRED}"
    )
    why = page.get_by_label("Why this decision")
    expect(why).to_have_attribute("aria-invalid", "true")
    expect(why).to_have_accessible_description(REQUIRED)
    decision = page.get_by_role("group", name="Decision")
    expect(decision).to_have_accessible_description(REQUIRED)
    for choice in decision.get_by_role("radio").all():
        expect(choice).to_have_attribute("aria-invalid", "true")
    amount = page.get_by_label("Amount or quantity")
    expect(amount).not_to_have_attribute("aria-invalid", re.compile(".*"))
