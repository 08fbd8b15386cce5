"""Each token has its own allowance of calls; a session's calls count per person."""

import pytest

from tests.portal.api.clients import token_client

pytestmark = pytest.mark.django_db


def test_a_token_past_its_rate_waits_and_is_told_how_long(staff, settings):
    settings.PORTAL_API_RATE = "3/minute"
    api, other = token_client(staff, name="crm"), token_client(staff, name="chat")

    answers = [api.get("/api/v1/policies/").status_code for _ in range(4)]
    refused = api.get("/api/v1/policies/")

    assert answers == [200, 200, 200, 429]
    assert refused.json()["code"] == "throttled"
    assert int(refused["Retry-After"]) > 0
    assert other.get("/api/v1/policies/").status_code == 200


def test_a_session_is_counted_per_person(client, staff, settings):
    settings.PORTAL_API_RATE = "2/minute"
    client.force_login(staff)

    answers = [client.get("/api/v1/policies/").status_code for _ in range(3)]

    assert answers == [200, 200, 429]
