"""The answer-time ledger, counted by the database from escalations of known durations."""

import pytest

from exceptions.answer_times import answer_times, kept_answer_times
from exceptions.models import Precedent
from policies.choices import Tier
from tests.exceptions.factories import escalation_decided_after, record_case
from tests.policies.factories import publish_version

pytestmark = pytest.mark.django_db

# Hours each escalation waited, with percentile_cont's median and 9-in-10 over them.
KNOWN_DURATIONS = [
    ([5], 5, 5),
    ([10, 2], 6, 9.2),
    ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5.5, 9.1),
    ([30, 1, 4, 22, 8, 26, 3], 8, 27.6),
    ([0.5, 0.5, 0.5, 48, 72], 0.5, 62.4),
]


@pytest.mark.parametrize(("hours", "median", "nine_in_ten"), KNOWN_DURATIONS)
def test_the_ledger_gives_percentile_cont_figures_for_known_durations(
    staff, supervisor, policy, hours, median, nine_in_ten
):
    for waited in hours:
        escalation_decided_after(policy, staff, supervisor, hours=waited)

    path = policy.exception_paths.get(name="Refund without receipt")
    figures = answer_times()[path.pk, Tier.SUPERVISOR]

    assert (figures.cases, figures.median_hours, figures.nine_in_ten_hours) == (
        len(hours),
        pytest.approx(median, abs=0.01),
        pytest.approx(nine_in_ten, abs=0.01),
    )
    assert (figures.policy_title, figures.path_name, figures.promised_hours) == (
        "Returns within 30 days",
        "Refund without receipt",
        24,
    )


def test_each_path_and_tier_is_counted_apart(staff, supervisor, leader, policy):
    for waited in (2, 4):
        escalation_decided_after(policy, staff, supervisor, hours=waited)
    # Late returns are staff's to grant; escalated, supervisors answer them.
    escalation_decided_after(policy, staff, supervisor, hours=30, path="Late return", amount="3")
    # Over every path's limit, it goes to leadership.
    escalation_decided_after(policy, staff, leader, hours=50, amount="400")

    ledger = answer_times()
    paths = dict(policy.exception_paths.values_list("name", "pk"))

    assert {
        (name, tier): (figures.cases, figures.median_hours, figures.promised_hours)
        for (path_id, tier), figures in ledger.items()
        for name in paths
        if paths[name] == path_id
    } == {
        ("Refund without receipt", Tier.SUPERVISOR): (2, 3, 24),
        ("Late return", Tier.SUPERVISOR): (1, 30, 24),
        ("Refund without receipt", Tier.LEADERSHIP): (1, 50, 72),
    }


def test_a_promise_broken_more_than_one_time_in_five_is_flagged(staff, supervisor, policy):
    path = policy.exception_paths.get(name="Refund without receipt")
    for waited in (1, 2, 3, 4, 30):
        escalation_decided_after(policy, staff, supervisor, hours=waited)
    once_in_five = answer_times()[path.pk, Tier.SUPERVISOR]
    escalation_decided_after(policy, staff, supervisor, hours=25)
    twice_in_six = answer_times()[path.pk, Tier.SUPERVISOR]

    assert (once_in_five.late, once_in_five.promise_broken) == (1, False)
    assert (twice_in_six.late, twice_in_six.promise_broken) == (2, True)


def test_only_escalations_decided_in_the_last_90_days_count(staff, supervisor, policy):
    escalation_decided_after(policy, staff, supervisor, hours=2, days_ago=89)
    escalation_decided_after(policy, staff, supervisor, hours=2, days_ago=91)
    record_case(policy, staff, path_name="Refund without receipt", amount="90", escalate=True)
    withdrawn = escalation_decided_after(policy, staff, supervisor, hours=2)
    Precedent.objects.filter(pk=withdrawn.pk).update(standing="withdrawn")

    assert [figures.cases for figures in answer_times().values()] == [1]


def test_the_kept_ledger_is_counted_again_once_a_case_changes(
    staff, supervisor, policy, django_assert_num_queries
):
    escalation_decided_after(policy, staff, supervisor, hours=2)
    first = kept_answer_times()
    with django_assert_num_queries(0):
        again = kept_answer_times()
    escalation_decided_after(policy, staff, supervisor, hours=4)

    assert first == again
    assert [figures.cases for figures in kept_answer_times().values()] == [2]


def test_the_kept_ledger_names_a_policy_as_its_new_version_does(staff, supervisor, leader, policy):
    escalation_decided_after(policy, staff, supervisor, hours=2)
    kept_answer_times()

    publish_version(policy, approver=leader, title="Returns within 45 days")

    assert [figures.policy_title for figures in kept_answer_times().values()] == [
        "Returns within 45 days"
    ]


def test_the_policy_page_says_each_path_s_promise_against_the_record(
    client, staff, supervisor, leader, policy
):
    for waited in (2, 3, 5, 8, 20, 30):
        escalation_decided_after(policy, staff, supervisor, hours=waited)
    escalation_decided_after(policy, staff, supervisor, hours=30, path="Late return", amount="3")
    client.force_login(staff)

    html = client.get(policy.url).content.decode()

    assert (
        "Supervisors promise 1 day; half answered within 7 hours, 9 in 10 within 1 day and "
        "1 hour (6 cases, last 90 days)." in html
    )
    assert (
        "Supervisors promise 1 day; only 1 escalation was decided in the last 90 days, "
        "too few to say how long answers really take." in html
    )


def test_a_path_above_staff_without_decisions_says_so(client, staff, policy):
    client.force_login(staff)

    html = client.get(policy.url).content.decode()

    assert "Supervisors promise 1 day; no escalation was decided in the last 90 days." in html
    assert html.count("Answers in practice") == 1
