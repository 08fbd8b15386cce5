"""The main journeys through the portal, as their users click through them."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.case_form import DAMAGED_ITEM_PATHS, fill_case_form
from tests.browser.login import fill_login_form
from tests.exceptions.factories import record_case
from tests.policies.factories import PolicyPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def damaged_items_policy(area, owner, leader):
    """Staff may refund a damaged item up to 50 EUR; above that, a supervisor up to 150 EUR."""
    return PolicyPageFactory(
        area=area,
        owner=owner,
        approver=leader,
        title="Refunds for damaged items",
        summary="A damaged item is refunded once the damage is confirmed.",
        paths=DAMAGED_ITEM_PATHS,
    )


def fact(scope, term):
    """Return the value shown for `term` in the lists of facts (<dl>) inside `scope`."""
    return scope.locator(f"dt:text-is('{term}') + dd")


def path_fact(page, path_name, term):
    """Return the value shown for `term` ("Who may grant it", "Limit") of an exception path."""
    path = page.get_by_role("listitem").filter(has=page.get_by_role("heading", name=path_name))
    return fact(path, term)


def text_decoration(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).textDecorationLine")


def test_staff_find_the_rule_for_a_situation_read_why_and_record_a_case_within_their_limit(
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
    expect(path_fact(page, "Late return", "Limit")).to_have_text("Up to 14 days")
    expect(path_fact(page, "Refund without receipt", "Who may grant it")).to_have_text("Supervisor")
    expect(path_fact(page, "Refund without receipt", "Limit")).to_have_text("Up to 150 EUR")

    page.get_by_role("link", name="Record a case under this policy").click()
    fill_case_form(
        page,
        situation="Customer returned a coat nine days after the window closed.",
        path="Late return",
        amount="9",
        rationale="Unworn, with tags; she was abroad.",
    )
    page.get_by_role("button", name="Record the decision").click()

    expect(page.get_by_role("status")).to_have_text("Case recorded.")
    expect(fact(page, "Outcome")).to_have_text("Granted within a path")
    page.get_by_role("link", name="Returns within 30 days").click()
    cases = page.get_by_role("region", name="Cases under this policy")
    expect(cases.get_by_role("link", name="1 granted within a path")).to_be_visible()
    expect(cases.get_by_role("link", name="Customer returned a coat nine days")).to_be_visible()


def test_staff_escalate_a_case_over_their_limit_and_read_the_supervisors_decision(
    open_tab, page, staff, supervisor, damaged_items_policy
):
    page.goto(damaged_items_policy.url)
    fill_login_form(page, "staff")
    page.get_by_role("link", name="Record a case under this policy").click()
    fill_case_form(
        page,
        situation="Customer's mixer arrived with a cracked bowl; it cost 90 EUR.",
        path="Goodwill refund",
        amount="90",
        rationale="The photo shows the crack; the box was undamaged.",
    )
    page.get_by_role("button", name="Record the decision").click()

    reason = "This needs a supervisor: the limit is 50 EUR, you entered 90 EUR."
    expect(page.get_by_role("group", name="Decision").get_by_role("alert")).to_have_text(reason)
    escalate = page.get_by_role("button", name="Escalate to supervisor")
    expect(escalate).to_have_accessible_description(reason)
    escalate.click()
    expect(page.get_by_role("status")).to_have_text(
        "Case escalated to supervisor. You will get an email when it is decided, "
        "and see the decision on your home page."
    )
    expect(fact(page, "Outcome")).to_have_text("Escalated, waiting for a decision")

    decider = open_tab()
    decider.goto("/cases/escalations/")
    fill_login_form(decider, "supervisor")
    decider.get_by_role("row", name="cracked bowl").get_by_role("link").click()
    decision = decider.get_by_role("region", name="Decide this case")
    decision.get_by_role("radio", name="Grant the exception").check()
    decision.get_by_label("Why").fill("Full refund: the courier confirmed the damage.")
    decision.get_by_role("button", name="Record my decision").click()
    expect(decider.get_by_role("status")).to_have_text("Decision recorded.")

    page.goto("/")
    queue = page.get_by_role("region", name="Your queue")
    expect(queue.get_by_role("heading", name="Decided since you last looked")).to_be_visible()
    queue.get_by_role("link", name="cracked bowl").click()
    expect(fact(page, "Outcome")).to_have_text("Granted within a path")
    expect(fact(page, "Decided by")).to_contain_text(f"{supervisor.get_full_name()} (supervisor)")
    expect(fact(page, "Decision rationale")).to_have_text(
        "Full refund: the courier confirmed the damage."
    )
    page.goto("/")
    expect(page.get_by_role("heading", name="Decided since you last looked")).to_have_count(0)


def path_names(page) -> list[str]:
    """The exception paths the page lists, top to bottom."""
    paths = page.get_by_role("region", name="Sanctioned exception paths")
    return paths.get_by_role("heading", level=3).all_inner_texts()


def test_an_owner_change_to_a_limit_reaches_staff_once_leadership_approves(
    open_tab, page, staff, policy, leader
):
    """The owner changes one limit in the editor, exactly as the browser submits it; once
    leadership approves, the comparison shows that one change and nothing else, and the
    paths keep their order."""
    cited = [
        record_case(policy, staff, path_name="Late return", amount="12", situation=situation)
        for situation in (
            "Customer was in hospital when the window closed.",
            "Customer's parcel was held at customs for 18 days.",
        )
    ]
    page.goto("/admin/")
    fill_login_form(page, "owner")
    page.get_by_placeholder("Search all pages").fill("Returns within 30 days")
    page.get_by_placeholder("Search all pages").press("Enter")
    page.get_by_role("link", name="Returns within 30 days").click()

    page.get_by_role("tab", name="Exception paths").click()
    late_return = page.get_by_role("region", name="Exception path 1", exact=True)
    expect(late_return.get_by_label("Name")).to_have_value("Late return")
    late_return.get_by_label("Limit", exact=True).fill("21")
    page.get_by_role("tab", name="Change note").click()
    page.get_by_label("Change summary").fill("Late returns accepted up to 21 days.")
    page.get_by_label("Substantive").check()
    for case in cited:
        page.get_by_label(re.compile(rf"(^|\s)#{case.pk} ·")).check()
    actions = page.get_by_role("navigation", name="Actions (footer)")
    actions.get_by_role("button", name="More actions").click()
    expect(actions.get_by_role("button", name="Publish")).to_have_count(0)
    actions.get_by_role("button", name="Submit to Policy approval").click()
    expect(page.get_by_text("has been submitted for moderation")).to_be_visible()

    reader = open_tab()
    reader.goto(policy.url)
    fill_login_form(reader, "staff")
    expect(path_fact(reader, "Late return", "Limit")).to_have_text("Up to 14 days")
    order_before = path_names(reader)
    assert order_before == ["Late return", "Refund without receipt"]

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
    expect(path_fact(reader, "Late return", "Limit")).to_have_text("Up to 21 days")
    expect(reader.get_by_text(re.compile(r"^Version 2, in force since"))).to_be_visible()
    assert path_names(reader) == order_before

    reader.get_by_role("link", name="History: every published version").click()
    latest = reader.get_by_role("listitem").filter(
        has=reader.get_by_role("heading", name="Version 2")
    )
    expect(latest.get_by_role("heading", level=2)).to_have_text("Version 2 In force")
    expect(latest).to_contain_text("Late returns accepted up to 21 days.")
    drivers = latest.get_by_role("heading", name="Cases that drove this change")
    expect(drivers).to_be_visible()
    for case in cited:
        expect(latest.get_by_role("link", name=f"Case #{case.pk}", exact=True)).to_be_visible()
    latest.get_by_role("link", name="What changed from version 1").click()

    limit = path_fact(reader, "Late return", "Limit")
    expect(limit.locator("del")).to_have_text("removed: 14 days")
    expect(limit.locator("ins")).to_have_text("added: 21 days")
    assert text_decoration(limit.locator("del")) == "line-through"
    assert text_decoration(limit.locator("ins")) == "underline"
    # That one limit is the only change: every other section and path says so.
    changes = reader.locator(".compare-section")
    expect(changes.locator("ins, del")).to_have_count(2)
    expect(changes.get_by_text("No change in this section.")).to_have_count(5)
    compared_paths = reader.get_by_role("region", name="Sanctioned exception paths")
    expect(compared_paths.locator(".path__facts dt")).to_have_count(1)
    expect(compared_paths.get_by_role("heading", level=3)).to_have_text(
        ["Late return Changed", "Refund without receipt Unchanged"]
    )


def test_a_leader_sees_which_policy_is_under_pressure_and_its_chart(
    page, leader, policy, area, owner
):
    PolicyPageFactory(area=area, owner=owner, approver=leader, title="A quiet rule")
    for situation in ("Coat", "Boots", "Lamp"):
        record_case(policy, leader, granted=True, situation=f"{situation} returned after 60 days.")

    page.goto("/")
    fill_login_form(page, "leader")
    page.get_by_role("banner").get_by_role("link", name="Insights").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Exception pressure")
    ranking = page.get_by_role("region", name="Policies by pressure")
    pressed = ranking.get_by_role("row", name=re.compile("^Returns within 30 days"))
    expect(pressed).to_contain_text("Review recommended")
    expect(ranking.get_by_role("row", name=re.compile("^A quiet rule"))).not_to_contain_text(
        "Review recommended"
    )
    chart = page.get_by_role("img", name=re.compile("^Bar chart of cases by outcome"))
    expect(chart).to_be_visible()
    page.wait_for_function("() => window.Chart && Chart.getChart(document.querySelector('canvas'))")
    assert "Returns within 30 days" in chart.evaluate(
        "canvas => Chart.getChart(canvas).data.labels"
    )
