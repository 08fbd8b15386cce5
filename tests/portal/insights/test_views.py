"""The insights pages: who may see them, what they show, and what they cost."""

import csv
import datetime
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exceptions.models import Precedent
from policies.models import PolicyAcknowledgement, PolicyPage
from portal import roles
from portal.models import UserProfile
from tests.clock import clock_at, local_time
from tests.exceptions.factories import record_case
from tests.policies.factories import PolicyPageFactory, publish_version
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["staff", "supervisor", "owner", "leader", "outsider"]
PAGES = {
    "insights": {"owner": 200, "leader": 200},
    "acknowledgement_coverage": {"leader": 200},
    "acknowledgement_coverage_csv": {"leader": 200},
}


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.PORTAL_PRESSURE_THRESHOLD = 2.0


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", PAGES)
def test_each_role_gets_what_it_may_see(client, request, policy, name, role):
    client.force_login(request.getfixturevalue(role))

    assert client.get(reverse(name)).status_code == PAGES[name].get(role, 403)


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_login(client, name):
    response = client.get(reverse(name))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.fixture
def pressured(policy, leader, staff):
    """Two grants outside any path and one case within a path, all this week."""
    record_case(policy, leader, granted=True)
    record_case(policy, leader, granted=True)
    record_case(policy, staff, path_name="Late return", amount="3")
    return policy


def cases_ranked_first(response) -> int:
    """The cases of the policy ranked first, as the ranking table shows them."""
    top = BeautifulSoup(response.content, "html.parser").select_one("table.pressure-table tbody tr")
    return int(top.select_one("td").get_text())


def test_the_ranking_shows_figures_formula_and_flag(client, leader, pressured, area, owner):
    PolicyPageFactory(area=area, owner=owner, approver=leader, title="A quiet rule")
    client.force_login(leader)

    response = client.get(reverse("insights"))

    html = response.content.decode()
    rows = response.context["figures"]["rows"]
    assert [row["policy"].title for row in rows] == ["Returns within 30 days", "A quiet rule"]
    top = rows[0]
    assert top["cases"] == 3
    assert top["outcomes"] == [1, 2, 0, 0]
    assert top["share_outside"] == pytest.approx(2 / 3)
    assert top["flagged"]  # 2 × 3 points in 90 days is 2 per 30 days: the threshold
    assert not rows[1]["flagged"]
    assert "pressure = ( 3 × cases granted outside any path + 1 × escalations" in html
    assert "× 30 ÷ 90 days" in html
    assert "67%" in html
    assert "Review recommended" in html
    assert "1 policy is marked review recommended" in html


def test_the_window_comes_from_the_address_and_defaults_to_ninety_days(client, leader, pressured):
    Precedent.objects.filter(policy=pressured).update(
        recorded_at=timezone.now() - datetime.timedelta(days=60)
    )
    client.force_login(leader)

    assert (
        client.get(reverse("insights"), {"days": "30"}).context["figures"]["rows"][0]["cases"] == 0
    )
    assert (
        client.get(reverse("insights"), {"days": "365"}).context["figures"]["rows"][0]["cases"] == 3
    )
    assert client.get(reverse("insights"), {"days": "7"}).context["days"] == 90
    assert (
        client.get(reverse("insights"), {"days": "x"}).context["figures"]["rows"][0]["cases"] == 3
    )


def test_charts_get_their_data_as_json_beside_a_table(client, leader, pressured):
    client.force_login(leader)

    response = client.get(reverse("insights"))

    html = response.content.decode()
    assert "<script>" not in html  # only files and JSON data: ready for a strict CSP
    assert '<script id="outcome-chart-data" type="application/json">' in html
    assert '<script id="trend-chart-data" type="application/json">' in html
    assert "/static/vendor/chartjs/chart.umd.min.js" in html
    assert "/static/js/insights.js" in html
    outcomes = response.context["figures"]["outcome_chart"]
    assert outcomes["labels"] == ["Returns within 30 days"]
    assert [series["values"] for series in outcomes["series"]] == [[1], [2], [0], [0]]
    trend = response.context["figures"]["trend_chart"]
    assert [series["label"] for series in trend["series"]] == ["Returns within 30 days"]
    assert trend["series"][0]["values"][-1] == 6  # two grants outside any path this month
    assert trend["threshold"] == 2.0
    assert json.loads(html.split('id="trend-chart-data" type="application/json">')[1].split("<")[0])
    assert html.count('<canvas role="img"') == 2
    assert html.count("<table") == 3  # the ranking and one table beside each chart


def test_the_ranking_is_paginated(client, leader, area, owner):
    for number in range(12):
        PolicyPageFactory(area=area, owner=owner, approver=leader, title=f"Rule {number:02}")
    client.force_login(leader)

    first = client.get(reverse("insights"))
    second = client.get(reverse("insights"), {"days": 30, "page": 2})

    assert len(first.context["figures"]["rows"]) == 10
    assert [row["policy"].title for row in second.context["figures"]["rows"]] == [
        "Rule 10",
        "Rule 11",
    ]
    assert 'href="?page=2"' in first.content.decode()
    assert 'href="?days=30&amp;page=1"' in second.content.decode()


def test_reviews_due_are_listed_for_leadership(client, leader, policy):
    PolicyPage.objects.filter(pk=policy.pk).update(
        next_review_due=timezone.localdate() - datetime.timedelta(days=3)
    )
    client.force_login(leader)

    html = client.get(reverse("insights")).content.decode()

    assert "1 policy has reached its review date" in html


def test_figures_are_counted_again_as_soon_as_a_case_changes(client, leader, staff, pressured):
    client.force_login(leader)
    first = cases_ranked_first(client.get(reverse("insights")))
    with CaptureQueriesContext(connection) as unchanged:
        again = cases_ranked_first(client.get(reverse("insights")))

    record_case(pressured, staff, path_name="Late return", amount="3")
    after = cases_ranked_first(client.get(reverse("insights")))

    assert (first, again, after) == (3, 3, 4)
    assert not any("GROUP BY" in query["sql"] for query in unchanged)


def test_an_escalation_passing_its_promise_shows_as_overdue_at_once(client, leader, staff, policy):
    today = timezone.localdate()
    morning = local_time(today.year, today.month, today.day, 0, 5)
    # Promised within 24 hours, escalated 23 h 55 min before a moment early today.
    with clock_at(morning - datetime.timedelta(hours=23, minutes=55)):
        record_case(policy, staff, path_name="Refund without receipt", amount="90", escalate=True)

    def escalations(at):
        with clock_at(at):
            client.force_login(leader)
            response = client.get(reverse("insights"))
        top = BeautifulSoup(response.content, "html.parser").select_one(
            "table.pressure-table tbody tr"
        )
        return top.select("td")[-3].get_text()

    # Waiting, then waiting past the promise ten minutes later, on the same day.
    assert escalations(morning) == "1 (0)"
    assert escalations(morning + datetime.timedelta(minutes=10)) == "1 (1)"


@pytest.mark.parametrize("extra_cases", [0, 25])
def test_insights_run_a_fixed_number_of_queries(
    client, leader, staff, area, owner, policy, django_assert_num_queries, extra_cases
):
    others = PolicyPageFactory.create_batch(3, area=area, owner=owner, approver=leader)
    # Three policies under pressure and reviews due, so every list and chart has three rows.
    for ranked in [policy, *others[:2]]:
        record_case(ranked, leader, granted=True)
        record_case(ranked, staff, path_name="Refund without receipt", amount="90", escalate=True)
    PolicyPage.objects.update(next_review_due=timezone.localdate())
    for _number in range(extra_cases):
        record_case(policy, leader, granted=True)
        record_case(policy, staff, path_name="Refund without receipt", amount="90", escalate=True)
    client.force_login(leader)
    client.get(reverse("insights"))  # warm the site-root cache, as on a running server

    # What the page shows below its heading is kept for the leader until a case, a policy
    # or a name changes or the minute ends, the leader's role and permissions until a
    # role changes, the site until a page changes, and Wagtail's user bar until the page
    # tree or people change. The four queries are the floor's: session, user, transaction.
    with django_assert_num_queries(4):
        response = client.get(reverse("insights"))
    html = BeautifulSoup(response.content, "html.parser")
    assert len(html.select("table.pressure-table tbody tr")) == 4
    assert len(json.loads(html.select_one("#outcome-chart-data").string)["labels"]) >= 3


def test_coverage_shows_each_team_and_policy(client, leader, staff, supervisor, policy):
    PolicyAcknowledgement.objects.create(
        policy=policy, revision_id=policy.live_revision_id, user=staff
    )
    client.force_login(leader)

    response = client.get(reverse("acknowledgement_coverage"))

    html = response.content.decode()
    assert "2 people sign policies" in html
    assert response.context["rows"][0]["share"] == 0.5
    assert "1 of 2" in html
    assert "50%" in html
    assert response.context["teams"] == [
        {"team": "No team", "people": 2, "expected": 2, "signed": 1, "share": 0.5}
    ]


def test_coverage_csv_has_one_row_per_policy_and_team(client, leader, staff, policy):
    client.force_login(leader)

    response = client.get(reverse("acknowledgement_coverage_csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="acknowledgements-')
    rows = list(csv.reader(io.StringIO(response.getvalue().decode())))
    assert rows[0] == [
        "policy",
        "version in force",
        "in force since",
        "team",
        "people",
        "acknowledged",
        "outstanding",
    ]
    assert rows[1][:2] == ["Returns within 30 days", "1"]
    assert rows[1][3:] == ["No team", "1", "0", "1"]


@pytest.mark.parametrize("extra_signatures", [0, 6])
def test_coverage_and_its_csv_run_a_fixed_number_of_queries(
    client, leader, area, owner, policy, django_assert_num_queries, extra_signatures
):
    # Four policies (one with a second version) and readers in three teams.
    policies = [policy, *PolicyPageFactory.create_batch(3, area=area, owner=owner, approver=leader)]
    publish_version(policies[1], approver=leader)
    for number in range(3 + extra_signatures):
        reader = UserFactory(username=f"reader{number}", role=roles.STAFF)
        UserProfile.objects.create(user=reader, team=f"Team {number % 3}")
        for signed in policies[: 1 + number % 4]:
            PolicyAcknowledgement.objects.create(
                policy=signed,
                revision_id=PolicyPage.objects.get(pk=signed.pk).live_revision_id,
                user=reader,
            )
    client.force_login(leader)
    client.get(reverse("acknowledgement_coverage"))

    # Two of these say which version of each policy listed is in force; the leader's
    # role and permissions, the site and Wagtail's user bar are kept in the cache.
    with django_assert_num_queries(11):
        response = client.get(reverse("acknowledgement_coverage"))
    assert len(response.context["rows"]) == 4
    assert len(response.context["teams"]) == 3
    with django_assert_num_queries(10):
        response = client.get(reverse("acknowledgement_coverage_csv"))
        rows = b"".join(response.streaming_content).decode().splitlines()
    assert len(rows) == 1 + 4 * 3


def test_the_csv_cannot_smuggle_a_formula_into_a_spreadsheet(client, leader, area, owner):
    PolicyPageFactory(area=area, owner=owner, approver=leader, title='=HYPERLINK("x")')
    mallory = UserFactory(username="mallory", role=roles.STAFF)
    UserProfile.objects.create(user=mallory, team="@SUM(A1:A9)")
    client.force_login(leader)

    body = client.get(reverse("acknowledgement_coverage_csv")).getvalue().decode()

    assert "'=HYPERLINK" in body
    assert "'@SUM(A1:A9)" in body
