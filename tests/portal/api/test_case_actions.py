"""Recording and changing cases through the API: the case services' rules, and their
refusals in the one error shape (403 with the tier needed, 409 with the case as it stands)."""

import uuid

import pytest
from django.test import Client

from exceptions.models import Precedent
from tests.exceptions.factories import decide, record_case
from tests.portal.api.clients import token_client

pytestmark = pytest.mark.django_db

SUPERVISOR_PATH = "Refund without receipt"


def record_body(policy, **fields):
    return {
        "policy": policy.pk,
        "path": policy.exception_paths.get(name=SUPERVISOR_PATH).pk,
        "requested": "granted",
        "amount": 80,
        "situation": "Lost the receipt; the purchase is in the account.",
        "rationale": "Verified in the account.",
        "channel": "email",
        **fields,
    }


def test_a_case_beyond_the_callers_authority_is_refused_with_the_tier_needed(policy, staff):
    response = token_client(staff).post("/api/v1/cases/", record_body(policy), format="json")

    assert response.status_code == 403
    assert response.json()["code"] == "needs_escalation"
    assert response.json()["tier_needed"] == {"tier": 2, "label": "Supervisor"}
    assert not Precedent.objects.exists()


def test_escalated_decided_and_followed_up_through_the_api(policy, staff, supervisor):
    recorder, decider = token_client(staff), token_client(supervisor)

    recorded = recorder.post(
        "/api/v1/cases/", record_body(policy, escalate=True), format="json"
    ).json()
    decided = decider.post(
        f"/api/v1/cases/{recorded['id']}/decision/",
        {"decision": "grant", "rationale": "Fine.", "granted_amount": 50, "change_count": 1},
        format="json",
    ).json()
    followed = recorder.post(
        f"/api/v1/cases/{recorded['id']}/follow-up/",
        {"result": "resolved", "change_count": decided["change_count"]},
        format="json",
    ).json()

    assert recorded["outcome"] == "escalated"
    assert recorded["escalated_to_tier"] == 2
    assert (decided["outcome"], decided["granted_amount"]) == ("granted", 50)
    assert followed["follow_up_result"] == "resolved"
    history = Precedent.objects.get(pk=recorded["id"]).history.all()
    assert {entry.history_user for entry in history} == {staff, supervisor}


def test_a_change_based_on_an_older_count_is_refused_with_the_case_as_it_stands(
    policy, staff, supervisor, leader
):
    case = record_case(policy, staff, path_name=SUPERVISOR_PATH, amount=80, escalate=True)
    decide(case, leader)

    response = token_client(supervisor).post(
        f"/api/v1/cases/{case.pk}/decision/",
        {"decision": "uphold", "rationale": "No.", "change_count": 1},
        format="json",
    )

    assert response.status_code == 403
    assert "decided this case first" in response.json()["message"]
    stale = token_client(staff, name="second").post(
        f"/api/v1/cases/{case.pk}/withdrawal/",
        {"reason": "Recorded twice.", "change_count": 1},
        format="json",
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert stale.json()["current"]["change_count"] == 2
    assert stale.json()["current"]["outcome"] == "granted"


def test_a_decider_below_the_cases_tier_is_told_the_tier_it_waits_for(policy, staff, supervisor):
    case = record_case(policy, staff, amount=80, escalate=True)  # outside any path: leadership

    response = token_client(supervisor).post(
        f"/api/v1/cases/{case.pk}/decision/",
        {"decision": "grant", "rationale": "Yes.", "change_count": 1},
        format="json",
    )

    assert response.status_code == 403
    assert response.json()["tier_needed"] == {"tier": 3, "label": "Leadership"}


def test_a_submission_token_sent_twice_records_one_case(policy, staff):
    api = token_client(staff)
    body = record_body(policy, escalate=True, submission_token=str(uuid.uuid4()))

    first = api.post("/api/v1/cases/", body, format="json")
    again = api.post("/api/v1/cases/", body, format="json")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert Precedent.objects.count() == 1


def test_staff_decide_no_escalation_and_outsiders_record_nothing(policy, staff, outsider):
    case = record_case(policy, staff, path_name=SUPERVISOR_PATH, amount=80, escalate=True)
    browser = Client(enforce_csrf_checks=False)
    browser.force_login(outsider)

    assert (
        token_client(staff)
        .post(f"/api/v1/cases/{case.pk}/decision/", {}, format="json")
        .json()["code"]
        == "permission_denied"
    )
    assert browser.post("/api/v1/cases/", {}, content_type="application/json").status_code == 403


def test_a_session_must_send_its_csrf_token_to_change_anything(policy, staff):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(staff)

    refused = browser.post(
        "/api/v1/cases/", record_body(policy, escalate=True), content_type="application/json"
    )
    token = browser.get("/cases/new/").cookies["csrftoken"].value
    accepted = browser.post(
        "/api/v1/cases/",
        record_body(policy, escalate=True),
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )

    assert refused.status_code == 403
    assert "CSRF" in refused.json()["message"]
    assert accepted.status_code == 201


def test_a_follow_up_refused_names_no_tier(policy, staff):
    case = record_case(policy, staff, path_name=SUPERVISOR_PATH, amount=80, escalate=True)

    response = token_client(staff).post(
        f"/api/v1/cases/{case.pk}/follow-up/",
        {"result": "resolved", "change_count": 1},
        format="json",
    )

    assert response.status_code == 403
    assert response.json()["message"] == "A case gets its follow-up once it is decided."
    assert response.json()["tier_needed"] is None
