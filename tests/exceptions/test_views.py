"""The case pages as each role sees them."""

import uuid

import pytest
from django.urls import reverse

from exceptions.choices import Outcome
from exceptions.models import Precedent
from policies.choices import Flexibility
from tests.exceptions.factories import record_case
from tests.policies.factories import PolicyPageFactory, default_paths

pytestmark = pytest.mark.django_db

ROLES = ["staff", "supervisor", "owner", "leader", "outsider"]


def form_data(policy, **overrides):
    path = policy.exception_paths.get(name="Late return")
    return {
        "policy": policy.pk,
        "situation": "Jacket returned 20 days late after a hospital stay.",
        "decision": f"path-{path.pk}",
        "amount": "20",
        "rationale": "Customer was in hospital.",
        "channel": "store",
        "tags": "returns, hardship",
        "submission_token": str(uuid.uuid4()),
        **overrides,
    }


# Expected status per role for each page; 200 = allowed, 403 = refused, 302 = done.
GET_PAGES = {
    "exceptions:list": ({}, {"staff": 200, "supervisor": 200, "owner": 200, "leader": 200}),
    "exceptions:export": ({}, {"staff": 200, "supervisor": 200, "owner": 200, "leader": 200}),
    "exceptions:record": ({}, {"staff": 200, "supervisor": 200, "owner": 200, "leader": 200}),
    "exceptions:escalations": ({}, {"staff": 403, "supervisor": 200, "owner": 403, "leader": 200}),
    "exceptions:detail": (
        {"case": True},
        {"staff": 200, "supervisor": 200, "owner": 200, "leader": 200},
    ),
    "exceptions:history": (
        {"case": True},
        {"staff": 200, "supervisor": 200, "owner": 200, "leader": 200},
    ),
    "exceptions:edit": (
        {"case": True},
        {"staff": 200, "supervisor": 403, "owner": 403, "leader": 403},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", GET_PAGES)
def test_each_role_gets_what_it_may_see(client, request, escalated, name, role):
    needs_case, expected = GET_PAGES[name]
    url = reverse(name, args=[escalated.pk] if needs_case else [])
    client.force_login(request.getfixturevalue(role))

    assert client.get(url).status_code == expected.get(role, 403)


@pytest.mark.parametrize(
    "name",
    [*GET_PAGES, "exceptions:decide", "exceptions:withdraw", "exceptions:ask", "exceptions:answer"],
)
def test_anonymous_visitors_are_sent_to_login(client, escalated, name):
    needs_case = GET_PAGES.get(name, ({"case": True}, {}))[0]
    url = reverse(name, args=[escalated.pk] if needs_case else [])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("staff", False),
        ("supervisor", True),
        ("owner", False),
        ("leader", True),
        ("outsider", False),
    ],
)
def test_only_deciders_of_the_right_tier_decide(client, request, escalated, role, allowed):
    client.force_login(request.getfixturevalue(role))

    client.post(
        reverse("exceptions:decide", args=[escalated.pk]),
        {"decision": "grant", "rationale": "Checked the statement.", "seen_change_count": 1},
    )

    escalated.refresh_from_db()
    assert (escalated.outcome == Outcome.GRANTED_WITHIN_PATH) is allowed


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("staff", True),
        ("supervisor", False),
        ("owner", False),
        ("leader", True),
        ("outsider", False),
    ],
)
def test_only_the_recorder_or_leadership_withdraw(client, request, decided, role, allowed):
    client.force_login(request.getfixturevalue(role))

    client.post(
        reverse("exceptions:withdraw", args=[decided.pk]),
        {"reason": "Duplicate.", "seen_change_count": 1},
    )

    decided.refresh_from_db()
    assert (decided.standing == "withdrawn") is allowed


@pytest.mark.parametrize("role", ["supervisor", "owner", "leader", "outsider"])
def test_nobody_but_the_recorder_records_the_follow_up(client, request, decided, role):
    client.force_login(request.getfixturevalue(role))

    client.post(
        reverse("exceptions:follow_up", args=[decided.pk]),
        {"result": "resolved", "seen_change_count": 1},
    )

    decided.refresh_from_db()
    assert decided.follow_up_result == ""


def test_the_recorder_records_the_follow_up(client, staff, decided):
    client.force_login(staff)

    response = client.post(
        reverse("exceptions:follow_up", args=[decided.pk]),
        {"result": "came_back", "notes": "Back a week later.", "seen_change_count": 1},
        follow=True,
    )

    assert "Follow-up recorded." in response.content.decode()
    decided.refresh_from_db()
    assert decided.follow_up_result == "came_back"


def test_recording_within_authority_saves_the_case(client, staff, policy):
    client.force_login(staff)

    response = client.post(
        reverse("exceptions:record"), form_data(policy, amount="10"), follow=True
    )

    case = Precedent.objects.get()
    assert response.redirect_chain[-1][0] == case.get_absolute_url()
    assert "Case recorded." in response.content.decode()
    assert case.outcome == Outcome.GRANTED_WITHIN_PATH
    assert sorted(tag.name for tag in case.tags.all()) == ["hardship", "returns"]
    assert case.policy_revision == policy.live_revision


def test_over_the_limit_says_so_keeps_the_input_and_saves_nothing(client, staff, policy):
    client.force_login(staff)

    response = client.post(reverse("exceptions:record"), form_data(policy))

    html = response.content.decode()
    assert response.status_code == 200
    assert "This needs leadership: the limit is 14 days, you entered 20 days." in html
    assert "Jacket returned 20 days late after a hospital stay." in html
    assert "Escalate to leadership" in html
    assert not Precedent.objects.exists()


def test_escalating_from_the_form_routes_the_case_to_the_right_tier(client, staff, policy):
    client.force_login(staff)

    client.post(reverse("exceptions:record"), {**form_data(policy), "escalate": "1"})

    case = Precedent.objects.get()
    assert case.outcome == Outcome.ESCALATED
    assert case.escalated_to_tier == 3
    assert case.decided_by is None


def test_missing_fields_are_flagged_next_to_each_field(client, staff, policy):
    client.force_login(staff)

    response = client.post(
        reverse("exceptions:record"), form_data(policy, situation="", rationale="", amount="-5")
    )

    errors = response.context["form"].errors
    assert set(errors) == {"situation", "rationale", "amount"}
    assert 'id="id_situation_error"' in response.content.decode()
    assert not Precedent.objects.exists()


def test_record_without_a_policy_asks_for_one_first(client, staff, policy):
    client.force_login(staff)

    response = client.get(reverse("exceptions:record"))

    assert "Which policy does this case fall under?" in response.content.decode()
    assert client.get(reverse("exceptions:record"), {"policy": "999999"}).status_code == 200


def test_firm_policy_offers_no_path_to_bend_it(client, staff, area, owner, leader):
    firm = PolicyPageFactory(
        area=area, owner=owner, approver=leader, flexibility=Flexibility.FIRM, paths=[]
    )
    client.force_login(staff)

    response = client.get(reverse("exceptions:record"), {"policy": firm.pk})

    assert [value for value, _label in response.context["form"].fields["decision"].choices] == [
        "upheld"
    ]


def test_the_recorder_corrects_a_waiting_case_with_a_reason(client, staff, escalated):
    client.force_login(staff)

    client.post(
        reverse("exceptions:edit", args=[escalated.pk]),
        {
            "situation": "Gift returned without receipt; found on the card statement.",
            "rationale": "Verified.",
            "channel": "email",
            "tags": "returns",
            "change_reason": "Added how the purchase was found.",
            "seen_change_count": escalated.change_count,
        },
    )

    escalated.refresh_from_db()
    assert escalated.situation.startswith("Gift returned")
    assert escalated.history.first().history_change_reason == "Added how the purchase was found."


def test_history_page_shows_each_change_field_by_field(client, staff, supervisor, escalated):
    client.force_login(supervisor)
    client.post(
        reverse("exceptions:decide", args=[escalated.pk]),
        {"decision": "uphold", "rationale": "No proof of purchase.", "seen_change_count": 1},
    )

    html = client.get(reverse("exceptions:history", args=[escalated.pk])).content.decode()

    assert "Decided: Rule upheld" in html
    assert "Escalated, waiting for a decision" in html
    assert "Rule upheld" in html
    assert supervisor.get_full_name() in html
    assert "Recorded and escalated to supervisor" in html


def test_the_recorder_sees_the_decision_on_the_case(client, staff, supervisor, escalated):
    client.force_login(supervisor)
    client.post(
        reverse("exceptions:decide", args=[escalated.pk]),
        {"decision": "grant", "rationale": "Purchase found.", "seen_change_count": 1},
    )
    client.force_login(staff)

    html = client.get(escalated.get_absolute_url()).content.decode()

    assert "Granted within a path" in html
    assert "Purchase found." in html
    assert supervisor.get_full_name() in html


def test_a_late_decider_is_told_who_decided_first(client, supervisor, leader, escalated):
    client.force_login(supervisor)
    client.post(
        reverse("exceptions:decide", args=[escalated.pk]),
        {"decision": "grant", "rationale": "Yes.", "seen_change_count": 1},
    )
    client.force_login(leader)

    response = client.post(
        reverse("exceptions:decide", args=[escalated.pk]),
        {"decision": "uphold", "rationale": "No.", "seen_change_count": 1},
    )

    html = response.content.decode()
    assert f"{supervisor.get_full_name()} decided this case first; their decision stands." in html
    assert "Your decision was not recorded" in html
    escalated.refresh_from_db()
    assert escalated.decided_by == supervisor


@pytest.mark.parametrize("extra_cases", [0, 10])
def test_the_record_form_runs_a_fixed_number_of_queries(
    client, staff, area, owner, leader, django_assert_num_queries, extra_cases
):
    policy = PolicyPageFactory(
        area=area,
        owner=owner,
        approver=leader,
        paths=[
            *default_paths(),
            {
                **default_paths()[0],
                "name": "Exchange instead of refund",
                "limit_amount": None,
                "limit_unit": "",
            },
        ],
    )
    for number in range(3 + extra_cases):
        record_case(policy, staff, path_name="Late return", amount="3", situation=f"Case {number}")
    client.force_login(staff)
    # The paths' answer times are counted once and kept in the cache, as on a running
    # server, until a case changes (portal.freshness); so is the site.
    client.get(reverse("exceptions:record"), {"policy": policy.pk})

    with django_assert_num_queries(7):
        response = client.get(reverse("exceptions:record"), {"policy": policy.pk})
    assert response.status_code == 200
    assert len(response.context["form"].paths) == 3
