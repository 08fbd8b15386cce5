"""The escalation queue: soonest due first, in words, filtered by policy and tier; and
deciding from it with a smaller grant."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from exceptions.choices import Outcome
from exceptions.models import Precedent
from tests.clock import clock_at, local_time
from tests.exceptions.factories import record_case, shown
from tests.policies.factories import PolicyPageFactory
from tests.reading import words_on

pytestmark = pytest.mark.django_db


def escalate(policy, staff, *, amount="90", situation="No receipt.", hours_ago=0):
    case = record_case(
        policy,
        staff,
        path_name="Refund without receipt",
        amount=amount,
        escalate=True,
        situation=situation,
    )
    Precedent.objects.filter(pk=case.pk).update(
        escalated_at=timezone.now() - datetime.timedelta(hours=hours_ago)
    )
    return case


def queue(client, **filters):
    response = client.get(reverse("exceptions:escalations"), filters)
    return [case.pk for case in response.context["page_obj"]], words_on(response.content)


def test_the_queue_puts_the_soonest_due_first_and_says_when(client, supervisor, policy, staff):
    # Promised within 24 hours: due in 23 hours, overdue by 5 hours, due in 1 hour.
    later = escalate(policy, staff, hours_ago=1)
    overdue = escalate(policy, staff, hours_ago=29)
    soon = escalate(policy, staff, hours_ago=23)
    client.force_login(supervisor)

    order, words = queue(client)

    assert order == [overdue.pk, soon.pk, later.pk]
    assert "overdue by 5 hours" in words
    assert "0 h of" not in words
    assert words.count("promised within 1 day") == 3


def test_due_times_read_as_today_and_tomorrow(client, supervisor, policy, staff):
    with clock_at(local_time(2026, 12, 1, 9, 30)):
        record_case(policy, staff, path_name="Refund without receipt", amount="90", escalate=True)
    client.force_login(supervisor)

    with clock_at(local_time(2026, 12, 1, 10, 0)):
        _order, tomorrow = queue(client)
    with clock_at(local_time(2026, 12, 2, 8, 0)):
        _order, today = queue(client)

    assert "due tomorrow 09:30" in tomorrow
    assert "due today 09:30" in today


def test_the_queue_filters_by_policy_and_tier(client, leader, area, owner, policy, staff):
    other = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Loan devices")
    refund = escalate(policy, staff)
    loan = escalate(other, staff)
    outside = record_case(policy, staff, escalate=True)
    client.force_login(leader)

    assert queue(client, policy=other.pk)[0] == [loan.pk]
    assert queue(client, tier="3")[0] == [outside.pk]
    assert sorted(queue(client, tier="2")[0]) == sorted([refund.pk, loan.pk])
    order, words = queue(client, tier="9")
    assert order == []
    assert "Select a valid choice" in words


def test_the_policy_filter_offers_the_policies_in_the_queue(
    client, leader, area, owner, policy, staff
):
    PolicyPageFactory(area=area, owner=owner, approver=leader, title="Nothing waits here")
    escalate(policy, staff)
    client.force_login(leader)

    response = client.get(reverse("exceptions:escalations"))

    offered = [label for _value, label in response.context["filter"].form["policy"].field.choices]
    assert offered == ["Any policy", policy.title]


def decide_page(client, case, **data):
    return client.post(
        reverse("exceptions:decide", args=[case.pk]),
        {"decision": "grant", "rationale": "Part of it.", "seen_change_count": shown(case), **data},
    )


def test_a_decider_grants_less_than_asked(
    client, supervisor, staff, escalated, django_capture_on_commit_callbacks
):
    client.force_login(supervisor)

    with django_capture_on_commit_callbacks(execute=True):
        response = decide_page(client, escalated, granted_amount="40")

    assert response.status_code == 302
    case = Precedent.objects.get(pk=escalated.pk)
    assert (case.outcome, case.granted_amount, case.amount) == (Outcome.GRANTED_WITHIN_PATH, 40, 90)
    client.force_login(staff)
    page = words_on(client.get(case.get_absolute_url()).content)
    history = words_on(client.get(reverse("exceptions:history", args=[case.pk])).content)
    assert "Granted Granted 40 of 90 EUR asked" in page
    assert "Decided: Granted within a path. Granted 40 of 90 EUR asked" in history
    assert "Granted 40 of 90 EUR asked" in mail.outbox[-1].body
    export = b"".join(client.get(reverse("exceptions:export")).streaming_content).decode()
    assert "amount granted" in export.splitlines()[0]
    assert ",40.00," in export.splitlines()[1]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"granted_amount": "90"}, "Grant less than the 90 EUR asked"),
        ({"granted_amount": "120"}, "Grant less than the 90 EUR asked"),
        ({"granted_amount": "0"}, "Grant more than nothing"),
        ({"granted_amount": "-5"}, "Grant more than nothing"),
        ({"granted_amount": "40", "decision": "uphold"}, "Only a grant has an amount"),
        ({"granted_amount": "4O"}, "Enter a number."),
    ],
)
def test_a_smaller_grant_is_refused_next_to_its_field(client, supervisor, escalated, data, message):
    client.force_login(supervisor)

    response = decide_page(client, escalated, **data)

    assert response.status_code == 200
    field = response.context["decide_form"]["granted_amount"]
    assert message in " ".join(field.errors)
    assert field.value() == data["granted_amount"]
    assert Precedent.objects.get(pk=escalated.pk).outcome == Outcome.ESCALATED


def test_a_case_that_asked_no_amount_offers_no_smaller_grant(client, leader, policy, staff):
    case = record_case(policy, staff, escalate=True)
    client.force_login(leader)

    form = client.get(case.get_absolute_url()).context["decide_form"]

    assert "granted_amount" not in form.fields
