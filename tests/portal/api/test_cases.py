"""Reading cases through the API: the case list's filters, one case, similar cases."""

import pytest

from tests.exceptions.factories import record_case
from tests.portal.api.clients import token_client

pytestmark = pytest.mark.django_db


def test_the_case_list_takes_the_case_lists_filters(policy, staff, supervisor):
    upheld = record_case(policy, staff, granted=False, tags=["late"])
    record_case(policy, supervisor, path_name="Late return", amount=3)
    api = token_client(staff)

    mine = api.get("/api/v1/cases/", {"mine": "recorded"}).json()
    tagged = api.get("/api/v1/cases/", {"tag": "LATE", "outcome": "upheld"}).json()

    assert [case["id"] for case in mine["results"]] == [upheld.pk]
    assert [case["id"] for case in tagged["results"]] == [upheld.pk]
    assert tagged["results"][0]["tags"] == ["late"]


def test_outsiders_read_no_cases(policy, staff, outsider, client):
    record_case(policy, staff, granted=False)
    client.force_login(outsider)

    assert client.get("/api/v1/cases/").status_code == 403
    assert (
        client.get("/api/v1/cases/similar/", {"policy": policy.pk, "situation": "x"}).status_code
        == 403
    )


def test_similar_cases_are_found_by_the_words_of_a_situation(policy, staff):
    jacket = record_case(policy, staff, granted=False, situation="Jacket sleeve torn")
    record_case(policy, staff, granted=False, situation="Parcel never arrived")

    found = token_client(staff).get(
        "/api/v1/cases/similar/", {"policy": policy.pk, "situation": "a torn jacket sleeve"}
    )

    assert [case["id"] for case in found.json()] == [jacket.pk]


@pytest.mark.parametrize("cases", [2, 6])
def test_the_case_list_costs_the_same_however_many_cases(
    policy, staff, supervisor, cases, django_assert_num_queries
):
    for _ in range(cases):
        record_case(policy, staff, path_name="Late return", amount=3)
    api = token_client(supervisor)
    api.get("/api/v1/cases/")

    # The request's savepoint and its release, the token, the count, the page of cases
    # with their policy and people, their tag links and the tags; the reader's permissions
    # and roles (for what they may do to each case) are kept in the cache.
    with django_assert_num_queries(7):
        api.get("/api/v1/cases/")
