"""Hostile input to every operation of the API: answered in the error shape, never a server
error, nothing stored half; text that is legitimate input is stored as typed."""

import json

import pytest
from django.test import Client

from exceptions.models import Precedent
from tests.exceptions.factories import record_case
from tests.hostile import (
    IMPOSSIBLE_DATES,
    KEPT_TEXT,
    NOT_A_CHOICE,
    NUL_BYTE,
    ONE_MEGABYTE,
    UNKNOWN_IDS,
    send,
    stored_rows,
)
from tests.portal.api.clients import make_secret

pytestmark = pytest.mark.django_db

REFUSED_BODY_TEXT = {"NUL byte": NUL_BYTE, "one megabyte": ONE_MEGABYTE, "blank": " \t\n "}
NOT_JSON = ["", "{", "[]", "null", "42", '"text"', "{'policy': 1}", NUL_BYTE, "{" * 10_000]
HOSTILE_TOKENS = ["", "pp_" + NUL_BYTE, "pp_" + "A" * 10_000, "pp_é", "a b c", "Bearer"]


@pytest.fixture
def caller(staff):
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {make_secret(staff)}"
    return client


def post_json(client, url, body):
    return send(client, "post", url, json.dumps(body), content_type="application/json")


def record_body(live_policy, **fields):
    return {
        "policy": live_policy.pk,
        "requested": "upheld",
        "situation": "Customer asked for a refund after 40 days.",
        "rationale": "Outside the window.",
        "channel": "phone",
        **fields,
    }


@pytest.mark.parametrize("name", sorted(KEPT_TEXT))
def test_text_a_person_may_type_is_recorded_as_typed(caller, policy, name):
    text = KEPT_TEXT[name]

    response = post_json(
        caller, "/api/v1/cases/", record_body(policy, situation=text, rationale=text)
    )

    assert response.status_code == 201, response.body_text
    case = Precedent.objects.get(pk=response.json()["id"])
    assert (case.situation, case.rationale) == (text.strip(), text.strip())


@pytest.mark.parametrize("field", ["situation", "rationale", "channel", "requested"])
@pytest.mark.parametrize("name", sorted(REFUSED_BODY_TEXT))
def test_refused_text_is_named_by_its_field_and_nothing_is_stored(caller, policy, field, name):
    before = stored_rows()

    response = post_json(
        caller, "/api/v1/cases/", record_body(policy, **{field: REFUSED_BODY_TEXT[name]})
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == [field]
    assert stored_rows() == before


NOT_AN_AMOUNT = ["-1", str(2**64), "9" * 30, "1.555", "abc", NUL_BYTE, "[]"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        *[
            (field, value)
            for field in ("policy", "path", "submission_token", "tags")
            for value in UNKNOWN_IDS
        ],
        *[("amount", value) for value in NOT_AN_AMOUNT],
    ],
)
def test_ids_and_numbers_that_name_nothing_are_refused_by_field(caller, policy, field, value):
    before = stored_rows()

    response = post_json(caller, "/api/v1/cases/", record_body(policy, **{field: value}))

    assert response.status_code == 400, (field, value)
    assert field in response.json()["fields"]
    assert stored_rows() == before


@pytest.mark.parametrize("body", NOT_JSON)
@pytest.mark.parametrize("operation", ["", "{pk}/decision/", "{pk}/follow-up/", "{pk}/withdrawal/"])
def test_a_body_that_is_no_json_object_is_refused(
    caller, policy, staff, supervisor, operation, body
):
    case = record_case(policy, staff, granted=False)
    url = "/api/v1/cases/" + operation.format(pk=case.pk)
    client = caller
    if operation.endswith("decision/"):
        client = Client(HTTP_AUTHORIZATION=f"Bearer {make_secret(supervisor)}")

    response = send(client, "post", url, body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()["status"] == 400


@pytest.mark.parametrize("operation", ["decision", "follow-up", "withdrawal"])
@pytest.mark.parametrize("value", [0, -1, 2**31, 2**64, "1.5", "abc", None, NUL_BYTE])
def test_change_counts_that_cannot_be_are_refused(
    caller, policy, staff, supervisor, operation, value
):
    case = record_case(policy, staff, granted=False)
    body = {
        "decision": "uphold",
        "rationale": "-",
        "result": "resolved",
        "reason": "-",
        "change_count": value,
    }
    client = caller
    if operation == "decision":
        client = Client(HTTP_AUTHORIZATION=f"Bearer {make_secret(supervisor)}")

    response = post_json(client, f"/api/v1/cases/{case.pk}/{operation}/", body)

    assert response.status_code == 400
    assert "change_count" in response.json()["fields"]


LIST_PARAMETERS = {
    "/api/v1/cases/": ["outcome", "standing", "tier", "mine", "ordering", "policy", "area"],
    "/api/v1/policies/": ["flexibility", "area"],
    "/api/v1/search/?q=refund&": ["type", "outcome", "area"],
}


@pytest.mark.parametrize(
    ("url", "name"), [(url, name) for url, names in LIST_PARAMETERS.items() for name in names]
)
def test_choices_that_are_not_offered_are_refused_by_name(caller, policy, url, name):
    for value in NOT_A_CHOICE:
        joiner = "" if url.endswith("&") else "?"
        response = send(caller, "get", f"{url}{joiner}{name}={value}")

        assert response.status_code == 400, (name, value)
        assert name in response.json()["fields"]


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("/api/v1/cases/?", "decided_min"),
        ("/api/v1/cases/?", "decided_max"),
        ("/api/v1/search/?q=refund&", "recorded_from"),
        ("/api/v1/search/?q=refund&", "recorded_to"),
    ],
)
def test_impossible_dates_are_refused_by_name(caller, policy, url, name):
    for value in IMPOSSIBLE_DATES:
        response = send(caller, "get", f"{url}{name}={value}")

        assert response.status_code == 400, value
        assert name in response.json()["fields"]


@pytest.mark.parametrize("day", ["2025-02-30", "0000-00-00", "yesterday", "1e9", "9" * 30])
def test_a_policy_as_of_a_day_that_is_no_day_is_refused(caller, policy, day):
    response = send(caller, "get", f"/api/v1/policies/{policy.pk}/as-of/{day}/")

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "day": ["Write the day as yyyy-mm-dd, for example 2025-03-31."]
    }


@pytest.mark.parametrize("text", [*KEPT_TEXT.values(), ONE_MEGABYTE[:100_000], "!!! ??? ..."])
def test_similar_cases_and_search_take_any_words(caller, policy, staff, text):
    record_case(policy, staff, granted=False, situation="Jacket returned late " + text)

    similar = send(
        caller, "get", "/api/v1/cases/similar/", {"policy": policy.pk, "situation": text}
    )
    found = send(caller, "get", "/api/v1/search/", {"q": text[:200]})

    assert similar.status_code == 200
    assert found.status_code == 200


@pytest.mark.parametrize("token", HOSTILE_TOKENS)
def test_a_token_that_is_no_token_is_answered_401(policy, token):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    response = send(client, "get", "/api/v1/policies/")

    assert response.status_code == 401
    assert response.json()["code"] in ("authentication_failed", "not_authenticated")
