"""Has this happened before? Similar cases under the same policy."""

import pytest
from django.urls import reverse

from exceptions.similar import similar_cases
from tests.exceptions.factories import record_case, withdraw
from tests.policies.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(policy, staff, area, owner, leader):
    other_policy = PolicyPageFactory(area=area, owner=owner, approver=leader)
    return {
        "vase": record_case(policy, staff, granted=False, situation="Broken vase, box thrown away"),
        "vase_again": record_case(
            policy, staff, granted=False, situation="Another broken vase arrived in pieces"
        ),
        "lamp": record_case(policy, staff, granted=False, situation="Lamp shade dented"),
        "elsewhere": record_case(
            other_policy, staff, granted=False, situation="Broken vase under another policy"
        ),
    }


def test_similar_cases_come_from_the_same_policy_best_match_first(policy, cases):
    found = similar_cases(policy_id=policy.pk, text="The vase was broken, box thrown away")

    assert [case.pk for case in found][:2] == [cases["vase"].pk, cases["vase_again"].pk]
    assert cases["elsewhere"] not in found


def test_withdrawn_cases_and_the_case_itself_are_left_out(policy, cases, staff):
    withdraw(cases["vase_again"], staff, "Duplicate.")

    found = similar_cases(policy_id=policy.pk, text="broken vase", exclude_pk=cases["vase"].pk)

    assert found == []


def test_only_the_latest_cases_of_the_policy_are_compared(policy, cases, monkeypatch):
    monkeypatch.setattr("exceptions.similar.SIMILAR_CANDIDATES", 2)

    found = similar_cases(policy_id=policy.pk, text="broken vase, box thrown away")

    assert found == [cases["vase_again"]]


def test_the_record_form_asks_for_similar_cases_as_the_situation_is_typed(
    client, staff, policy, cases
):
    client.force_login(staff)

    form_html = client.get(reverse("exceptions:record"), {"policy": policy.pk}).content.decode()
    fragment = client.get(
        reverse("exceptions:similar"), {"policy": policy.pk, "q": "broken vase"}
    ).content.decode()

    assert "Has this happened before?" in form_html
    assert 'data-similar-url="/cases/similar/?policy=' in form_html
    assert "Broken vase, box thrown away" in fragment
    assert "Lamp shade" not in fragment


def test_case_page_lists_similar_cases(client, staff, cases):
    client.force_login(staff)

    html = client.get(cases["vase"].get_absolute_url()).content.decode()

    assert "Similar cases" in html
    assert "Another broken vase arrived in pieces" in html


def test_similar_endpoint_copes_with_nonsense(client, staff):
    client.force_login(staff)

    response = client.get(reverse("exceptions:similar"), {"policy": "x' OR 1=1", "q": "vase"})

    assert response.status_code == 200
    assert "No similar case" in response.content.decode()
