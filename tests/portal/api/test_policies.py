"""Policies through the API: only what is published, now or on a day, with their versions."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.exceptions.factories import record_case
from tests.policies.factories import publish_version, submit_version
from tests.portal.api.clients import token_client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["staff", "owner", "leader"])
def test_a_draft_is_never_readable_whatever_the_role(policy, request, role):
    submit_version(
        policy,
        title="Draft title nobody approved",
        summary="Draft summary.",
        paths=[
            {
                "name": "Draft path",
                "authority": 1,
                "conditions": "-",
                "record": "-",
                "decision_hours": 0,
            }
        ],
    )
    api = token_client(request.getfixturevalue(role))

    answers = [
        api.get("/api/v1/policies/").content,
        api.get(f"/api/v1/policies/{policy.pk}/").content,
        api.get(f"/api/v1/policies/{policy.pk}/versions/").content,
        api.get(f"/api/v1/policies/{policy.pk}/as-of/{timezone.localdate()}/").content,
        api.get("/api/v1/search/", {"q": "draft"}).content,
    ]

    assert not any(b"Draft" in answer for answer in answers)


def test_a_policy_as_of_a_day_is_the_version_in_force_that_day(policy, leader, staff):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=3)):
        publish_version(policy, approver=leader, summary="Longer window.")
    api = token_client(staff)

    today = api.get(f"/api/v1/policies/{policy.pk}/as-of/{timezone.localdate()}/").json()
    before = api.get(f"/api/v1/policies/{policy.pk}/as-of/2001-01-01/")

    assert today["version"]["number"] == 1
    assert before.status_code == 404


def test_versions_say_who_approved_them_and_which_cases_drove_them(policy, leader, staff):
    case = record_case(policy, staff, granted=False, situation="Asked after 40 days.")
    publish_version(policy, approver=leader, summary="Window of 45 days.", driven_by=[case])

    versions = token_client(staff).get(f"/api/v1/policies/{policy.pk}/versions/").json()

    assert [v["number"] for v in versions] == [2, 1]
    assert versions[0]["summary"] == "Window of 45 days."
    assert versions[0]["kind"] == "substantive"
    assert versions[0]["approved_by"]
    assert [c["id"] for c in versions[0]["driven_by"]] == [case.pk]


def test_a_policy_shows_its_paths_with_tiers_limits_and_promised_answer_times(policy, staff):
    body = token_client(staff).get(f"/api/v1/policies/{policy.pk}/").json()

    paths = {path["name"]: path for path in body["paths"]}
    assert paths["Late return"]["tier"] == 1
    assert paths["Late return"]["limit_amount"] == 14
    assert paths["Refund without receipt"]["promised_hours"] == 24
    assert paths["Refund without receipt"]["answer_times"][0]["sentence"].startswith(
        "Supervisors promise 1 day"
    )
    assert body["flexibility"] == "flexible"
    assert body["area"] == "Refunds and returns"


def test_the_policy_list_costs_the_same_however_many_policies(
    policy, staff, django_assert_num_queries
):
    api = token_client(staff)
    api.get("/api/v1/policies/")

    # The request's savepoint and its release, the token, the count, the page of
    # policies, their tags and the areas' titles.
    with django_assert_num_queries(7):
        api.get("/api/v1/policies/")
