"""Finding cases: filters, sorting, pagination, CSV export and the cost of each page."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from exceptions.choices import FollowUpResult
from exceptions.models import Precedent
from portal import roles
from tests.clock import clock_at, local_time
from tests.exceptions.factories import decide, follow_up, record_case, withdraw
from tests.policies.factories import PolicyPageFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(policy, staff, supervisor, leader, area, owner):
    other = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Late payment fee")
    return {
        "late": record_case(
            policy, staff, path_name="Late return", amount="5", situation="Jacket a bit late."
        ),
        "receipt": record_case(
            policy,
            supervisor,
            path_name="Refund without receipt",
            amount="120",
            situation="No receipt, found on statement.",
            tags=["receipt"],
        ),
        "upheld": record_case(other, staff, granted=False, situation='=HYPERLINK("x") fee'),
    }


def listed(response):
    return [case.pk for case in response.context["cases"]]


def test_filters_narrow_the_list_and_stay_in_the_url(client, staff, cases, policy):
    client.force_login(staff)
    url = reverse("exceptions:list")

    assert len(listed(client.get(url))) == 3
    assert sorted(listed(client.get(url, {"policy": policy.pk}))) == sorted(
        [cases["late"].pk, cases["receipt"].pk]
    )
    assert listed(client.get(url, {"outcome": "upheld"})) == [cases["upheld"].pk]
    assert listed(client.get(url, {"tier": "2"})) == [cases["receipt"].pk]
    assert listed(client.get(url, {"tag": "RECEIPT"})) == [cases["receipt"].pk]
    assert listed(client.get(url, {"q": "statement"})) == [cases["receipt"].pk]
    assert listed(client.get(url, {"path": "late ret"})) == [cases["late"].pk]
    assert listed(client.get(url, {"recorded_by": staff.pk, "outcome": "granted"})) == [
        cases["late"].pk
    ]


def test_my_cases_are_those_i_recorded_or_those_i_decided(client, staff, supervisor, policy):
    mine = record_case(policy, staff, path_name="Late return", amount="5")
    escalated = record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )
    theirs = record_case(policy, supervisor, path_name="Late return", amount="4")
    decide(escalated, supervisor)
    url = reverse("exceptions:list")

    client.force_login(staff)
    assert sorted(listed(client.get(url, {"mine": "recorded"}))) == [mine.pk, escalated.pk]
    client.force_login(supervisor)
    assert sorted(listed(client.get(url, {"mine": "decided"}))) == [escalated.pk, theirs.pk]
    assert listed(client.get(url, {"mine": "recorded"})) == [theirs.pk]


def test_a_bad_filter_value_says_so_instead_of_failing(client, staff, cases):
    client.force_login(staff)

    response = client.get(reverse("exceptions:list"), {"outcome": "nonsense", "decided_min": "x"})

    assert response.status_code == 200
    assert "outcome" in response.context["filter"].form.errors
    assert listed(response) == []


def test_decided_dates_narrow_the_list_from_and_until_a_day(client, staff, policy):
    with clock_at(local_time(2025, 3, 1, 10, 0)):
        march = record_case(policy, staff, path_name="Late return", amount="5")
    with clock_at(local_time(2025, 5, 1, 10, 0)):
        may = record_case(policy, staff, path_name="Late return", amount="6")
    client.force_login(staff)
    url = reverse("exceptions:list")

    assert listed(client.get(url, {"decided_min": "2025-03-02"})) == [may.pk]
    assert listed(client.get(url, {"decided_max": "2025-03-01"})) == [march.pk]
    assert listed(client.get(url, {"decided_min": "2025-03-01", "decided_max": "2025-05-01"})) == [
        may.pk,
        march.pk,
    ]


def test_sorting_by_amount(client, staff, cases):
    client.force_login(staff)

    response = client.get(reverse("exceptions:list"), {"ordering": "-amount"})

    assert listed(response)[:2] == [cases["receipt"].pk, cases["late"].pk]


def test_csv_export_has_exactly_the_filtered_rows_and_no_formulas(client, staff, cases, policy):
    client.force_login(staff)
    withdraw(cases["late"], staff, "Duplicate.")

    response = client.get(reverse("exceptions:export"), {"standing": "standing"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["id", "policy", "recorded at"]
    assert sorted(int(row[0]) for row in rows[1:]) == sorted(
        [cases["receipt"].pk, cases["upheld"].pk]
    )
    by_id = {int(row[0]): dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert by_id[cases["upheld"].pk]["situation"] == '\'=HYPERLINK("x") fee'
    receipt = by_id[cases["receipt"].pk]
    assert (receipt["amount"], receipt["unit"], receipt["asked for"], receipt["outcome"]) == (
        "120.00",
        "EUR",
        "Grant within a path",
        "Granted within a path",
    )
    assert response["Content-Disposition"].startswith('attachment; filename="cases-')


def test_policy_page_counts_its_cases_by_outcome(client, staff, cases, policy):
    client.force_login(staff)

    html = client.get(policy.url).content.decode()

    assert "Record a case under this policy" in html
    assert '<span class="outcome-counts__count">2</span> granted within a path' in html
    assert "All 2 cases under this policy" in html
    assert "No receipt, found on statement." in html


def test_home_page_lists_my_follow_ups_due_and_waiting_cases(client, staff, policy):
    due = record_case(policy, staff, path_name="Late return", amount="2", situation="Follow me up")
    Precedent.objects.filter(pk=due.pk).update(follow_up_due=datetime.date(2020, 1, 1))
    record_case(policy, staff, granted=True, escalate=True, situation="Waiting for leaders")
    client.force_login(staff)

    html = client.get("/").content.decode()

    assert "Follow me up" in html
    assert "Waiting for leaders" in html


@pytest.fixture
def busy(policy, staff, supervisor, leader, cases):
    """Three escalations waiting for supervisors, and a case with three tags whose history
    has three changes by two people: each page lists at least three of what it shows."""
    colleague = UserFactory(username="colleague", role=roles.STAFF)
    waiting = [
        record_case(
            policy,
            person,
            path_name="Refund without receipt",
            amount=str(amount),
            escalate=True,
            situation=f"Waiting {amount}",
            tags=["receipt", f"waiting-{amount}"],
        )
        for person, amount in [(staff, 60), (colleague, 70), (staff, 80)]
    ]
    followed = record_case(
        policy,
        staff,
        path_name="Refund without receipt",
        amount="90",
        escalate=True,
        situation="No receipt, decided upstairs.",
        tags=["receipt", "vip", "online"],
    )
    decide(followed, supervisor)
    follow_up(Precedent.objects.get(pk=followed.pk), staff, FollowUpResult.RESOLVED)
    return {"waiting": waiting, "followed": Precedent.objects.get(pk=followed.pk)}


@pytest.mark.parametrize("extra", [0, 30])
def test_list_and_detail_pages_cost_the_same_whatever_the_number_of_cases(
    client, staff, supervisor, policy, busy, extra, django_assert_num_queries
):
    for number in range(extra):
        record_case(
            policy,
            staff,
            path_name="Late return",
            amount="3",
            situation=f"Case {number}",
            tags=["late", f"case-{number}"],
        )
    client.force_login(supervisor)
    case = busy["followed"]
    assert case.history.count() == 3

    # The first page reads the supervisor's role and permissions (three queries), and the
    # site with its root page (two), then kept in the cache for the pages after it. The
    # list's policy and recorder filters read nothing until one is chosen: they no longer
    # list every policy and recorder.
    with django_assert_num_queries(12):
        assert client.get(reverse("exceptions:list"), {"outcome": "granted"}).status_code == 200
    # A chosen policy and recorder: one query each finds it, to check it and show its name.
    with django_assert_num_queries(9):
        chosen = {"policy": policy.pk, "recorded_by": staff.pk}
        assert client.get(reverse("exceptions:list"), chosen).status_code == 200
    # Its similar cases, read the first time: the latest cases' ids, then the search
    # among them (one query more than as a subquery, which scanned a busy policy). The
    # site is kept since the list.
    with django_assert_num_queries(11):
        assert client.get(case.get_absolute_url()).status_code == 200
    # One more than before the queue had filters: the policy filter's choices.
    with django_assert_num_queries(7):
        response = client.get(reverse("exceptions:escalations"))
    assert len(response.context["page_obj"]) == 3
    with django_assert_num_queries(7):
        assert client.get(reverse("exceptions:history", args=[case.pk])).status_code == 200


@pytest.mark.parametrize("extra", [0, 30])
def test_the_csv_export_costs_the_same_whatever_the_number_of_cases(
    client, staff, policy, cases, extra, django_assert_num_queries
):
    for number in range(extra):
        record_case(policy, staff, path_name="Late return", amount="3", situation=f"Case {number}")
    client.force_login(staff)

    # With the site and its root page, read once and kept for the pages after it.
    with django_assert_num_queries(9):
        response = client.get(reverse("exceptions:export"))
        rows = b"".join(response.streaming_content).decode().splitlines()
    assert len(rows) == 1 + 3 + extra


def test_amounts_read_as_people_write_them(client, staff, policy):
    record_case(policy, staff, path_name="Refund without receipt", amount="90", escalate=True)
    client.force_login(staff)

    html = client.get(reverse("exceptions:list")).content.decode()

    assert "90 EUR" in html
    assert "9E+1" not in html
