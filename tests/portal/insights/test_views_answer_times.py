"""The insights page's answer times: each exception path's promise against the record."""

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from tests.exceptions.factories import escalation_decided_after

pytestmark = pytest.mark.django_db


def answer_time_rows(response) -> list[str]:
    html = response.content.decode()
    table = html[html.index('class="table answer-times-table"') :]
    rows = table[: table.index("</tbody>")].split("<tr")[2:]
    return [" ".join(strip_tags(f"<tr{row}").split()) for row in rows]


def test_a_path_late_more_than_one_time_in_five_is_marked_for_its_owner(
    client, owner, staff, supervisor, leader, policy
):
    # Refunds without receipt: supervisors promise 1 day; 2 of 6 took longer.
    for waited in (2, 3, 5, 8, 26, 30):
        escalation_decided_after(policy, staff, supervisor, hours=waited)
    # Late returns escalated to supervisors: 1 of 5 took longer, within the tolerance.
    for waited in (1, 2, 3, 4, 25):
        escalation_decided_after(
            policy, staff, supervisor, hours=waited, path="Late return", amount="3"
        )
    client.force_login(owner)

    response = client.get(reverse("insights"))
    rows = answer_time_rows(response)

    assert "1 path's promise is broken more than one time in five." in strip_tags(
        response.content.decode()
    )
    assert len(rows) == 2
    assert rows == [
        "Refund without receipt Returns within 30 days Promise broken "
        "A supervisor 1 day 7 hours 1 day and 4 hours 6 33%",
        "Late return Returns within 30 days A supervisor 1 day 3 hours 17 hours 5 20%",
    ]


def test_a_path_with_few_cases_says_so_instead_of_figures(client, owner, staff, supervisor, policy):
    escalation_decided_after(policy, staff, supervisor, hours=30)
    client.force_login(owner)

    (row,) = answer_time_rows(client.get(reverse("insights")))

    assert row == (
        "Refund without receipt Returns within 30 days Promise broken "
        "A supervisor 1 day Too few cases to say 1 100%"
    )
