"""The case list's policy and recorder filters: picked by typing, never all written out."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from exceptions.filter_options import OPTIONS_LIMIT
from portal import roles
from tests.exceptions.factories import record_case
from tests.hostile import KEPT_TEXT, NUL_BYTE, ONE_MEGABYTE, send
from tests.policies.factories import PolicyPageFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

# What the case list may weigh however many policies and recorders there are.
PAGE_MAX_BYTES = 30_000


def options_of(html: str, name: str) -> list[str]:
    """The labels of the <option>s of the select named `name`."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select, name
    return re.findall(r"<option[^>]*>([^<]*)</option>", select.group(1))


def test_the_case_list_writes_out_only_the_chosen_policy_and_recorder(
    client, staff, policy, area, owner, leader
):
    client.force_login(staff)
    record_case(policy, staff, path_name="Late return", amount="5")
    url = reverse("exceptions:list")
    options_before = client.get(url).content.decode().count("<option")
    for number in range(50):
        PolicyPageFactory(area=area, owner=owner, approver=leader, title=f"Rule {number}")
        UserFactory(username=f"recorder{number}", role=roles.STAFF)

    html = client.get(url, {"policy": policy.pk, "recorded_by": staff.pk}).content.decode()

    assert html.count("<option") == options_before + 2
    assert options_of(html, "policy") == ["Any policy", policy.title]
    assert options_of(html, "recorded_by") == ["Anyone", f"{staff.get_full_name()} (staff)"]
    assert f'value="{escape(policy.title)}"' in html
    assert "Rule 7" not in html
    assert "recorder7" not in html
    assert len(html.encode()) < PAGE_MAX_BYTES


def test_a_link_to_a_policys_cases_shows_its_title_and_only_its_cases(
    client, staff, policy, area, owner, leader
):
    other = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Loan devices")
    mine = record_case(policy, staff, path_name="Late return", amount="5")
    record_case(other, staff, granted=False)
    client.force_login(staff)

    response = client.get(reverse("exceptions:list"), {"policy": policy.pk})

    assert [case.pk for case in response.context["cases"]] == [mine.pk]
    assert 'name="policy_search" value="Returns within 30 days"' in response.content.decode()


def test_without_javascript_typed_words_list_the_matches_to_choose_from(
    client, staff, policy, area, owner, leader
):
    PolicyPageFactory(area=area, owner=owner, approver=leader, title="Loan devices")
    client.force_login(staff)
    url = reverse("exceptions:list")

    html = client.get(url, {"policy_search": "RETURNS 30", "policy": ""}).content.decode()

    assert options_of(html, "policy") == ["Any policy", policy.title]
    assert 'name="policy_search" value="RETURNS 30"' in html
    assert "choose from the list" in html
    chosen = client.get(url, {"policy_search": "RETURNS 30", "policy": policy.pk})
    assert options_of(chosen.content.decode(), "policy") == ["Any policy", policy.title]
    assert chosen.context["filter"].form.cleaned_data["policy"] == policy


def test_policy_options_are_a_few_published_titles_holding_every_typed_word(
    client, staff, area, owner, leader
):
    for number in range(OPTIONS_LIMIT + 2):
        PolicyPageFactory(area=area, owner=owner, approver=leader, title=f"Refund rule {number}")
    hidden = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Refund draft")
    hidden.unpublish()
    client.force_login(staff)
    url = reverse("exceptions:policy_options")

    many = client.get(url, {"q": "refund"}).json()["results"]
    few = client.get(url, {"q": "RULE 1 refund"}).json()["results"]

    assert len(many) == OPTIONS_LIMIT
    assert "Refund draft" not in [result["label"] for result in many]
    # Every word anywhere in the title: "1" is also in "21".
    assert [result["label"] for result in few] == [
        f"Refund rule {number}" for number in [1, *range(10, 20), 21]
    ]
    assert client.get(url, {"q": ""}).json() == {"results": []}


def test_recorder_options_are_people_who_record_cases_by_name(client, staff):
    ann = UserFactory(username="aq", first_name="Ann", last_name="Quixley", role=roles.STAFF)
    UserFactory(username="anna", first_name="Anna", last_name="Quixley")
    client.force_login(staff)

    found = client.get(reverse("exceptions:recorder_options"), {"q": "quix ANN"}).json()

    # Anna has no role: she records no case, so no list is narrowed to her.
    assert found == {"results": [{"id": ann.pk, "label": "Ann Quixley (aq)"}]}


HOSTILE_TYPED = {
    **KEPT_TEXT,
    "NUL byte": NUL_BYTE,
    "one megabyte": ONE_MEGABYTE,
    "NUL inside a word": "ret\x00urns",
    "many words": " ".join(["returns"] * 500),
}


@pytest.mark.parametrize("name", ["policy_options", "recorder_options"])
def test_options_answer_any_typed_text_with_a_list(client, staff, policy, name):
    client.force_login(staff)

    for label, text in HOSTILE_TYPED.items():
        response = send(client, "get", reverse(f"exceptions:{name}"), {"q": text})

        assert isinstance(response.json()["results"], list), label
    found = send(client, "get", reverse("exceptions:policy_options"), {"q": "ret\x00urns"})
    assert [result["label"] for result in found.json()["results"]] == [policy.title]


@pytest.mark.parametrize("param", ["policy_search", "recorded_by_search"])
def test_the_case_list_keeps_hostile_typed_words_as_text(client, staff, decided, param):
    client.force_login(staff)

    for label, text in HOSTILE_TYPED.items():
        response = send(client, "get", reverse("exceptions:list"), {param: text})

        assert f"#{decided.pk}" in response.body_text, label
        assert "<script>alert" not in response.body_text, label
        assert "\x00" not in response.body_text, label
