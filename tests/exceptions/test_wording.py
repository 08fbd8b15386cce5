"""The words the case pages read: versions, standing, amounts, waiting times, dates."""

import pytest
from django.urls import reverse

from policies.choices import Tier
from tests.clock import clock_at, local_time
from tests.exceptions.factories import decide, follow_up, record_case
from tests.policies.factories import PolicyPageFactory, default_paths, publish_version
from tests.reading import words_on

pytestmark = pytest.mark.django_db


def case_words(client, case, user):
    client.force_login(user)
    return words_on(client.get(case.get_absolute_url()).content)


def test_a_waiting_case_is_recorded_under_a_version_not_decided_under_it(client, staff, escalated):
    words = case_words(client, escalated, staff)

    assert "Recorded under version 1 of the rule" in words
    assert "Decided under" not in words
    assert "Waiting for a supervisor to decide; a decision is promised within 1 day." in words


def test_a_case_waiting_for_leadership_says_so_in_plain_words(client, staff, area, owner, leader):
    used_item = {
        **default_paths()[0],
        "name": "Return of a used item",
        "authority": Tier.LEADERSHIP,
        "limit_amount": None,
        "limit_unit": "",
        "limit_text": "Case by case",
        "decision_hours": 72,
    }
    policy = PolicyPageFactory(area=area, owner=owner, approver=leader, paths=[used_item])
    case = record_case(policy, staff, path_name="Return of a used item", escalate=True)

    words = case_words(client, case, staff)

    assert "Waiting for leadership to decide; a decision is promised within 3 days." in words
    assert "Return of a used item · Leadership" in words
    assert "up to Case by case" not in words
    record_form = client.get(reverse("exceptions:record"), {"policy": policy.pk}).content
    assert "Return of a used item · Leadership · Case by case" in words_on(record_form)
    assert "up to Case by case" not in words_on(record_form)


def test_a_decided_case_says_it_stands_once(client, staff, supervisor, escalated):
    decide(escalated, supervisor, rationale="Ok.")

    words = case_words(client, escalated, staff)

    assert "Decided under version 1 of the rule" in words
    assert "Standing Stands as a precedent" in words
    assert "Standing: Standing" not in words
    assert "Standing Standing" not in words


def test_a_codified_case_says_codified_once_and_by_which_version(
    client, staff, supervisor, leader, policy, escalated
):
    decide(escalated, supervisor)
    publish_version(
        policy, approver=leader, summary="Receipts up to 100 EUR.", driven_by=[escalated]
    )

    words = case_words(client, escalated, staff)

    assert words.count("Codified") == 1
    assert "Standing Absorbed into version 2 of the rule" in words


def test_amounts_read_with_their_unit(client, staff, supervisor, escalated):
    client.force_login(supervisor)

    detail = words_on(client.get(escalated.get_absolute_url()).content)
    queue = words_on(client.get(reverse("exceptions:escalations")).content)
    listed = words_on(client.get(reverse("exceptions:list")).content)

    assert "Refund without receipt · Supervisor · up to 150 EUR" in detail
    assert "Amount 90 EUR" in detail
    assert "Refund without receipt · 90 EUR" in queue
    assert "90 EUR" in listed


def test_the_history_gives_times_in_the_portals_time_zone(client, staff, supervisor, policy):
    with clock_at(local_time(2026, 12, 1, 10, 0)):
        case = record_case(
            policy, staff, path_name="Refund without receipt", amount="90", escalate=True
        )
    with clock_at(local_time(2026, 12, 2, 3, 31)):
        decide(case, supervisor, rationale="Ok.")
    client.force_login(staff)

    words = words_on(client.get(reverse("exceptions:history", args=[case.pk])).content)

    # Stored as 02:31 UTC; the portal's time zone (Amsterdam) reads it as 03:31.
    assert "Decided at Removed: — Added: 2 Dec 2026, 03:31" in words
    assert "Follow-up due Removed: — Added: 16 Dec 2026" in words
    assert "+00:00" not in words
    assert "2026-12-02" not in words


def test_a_path_a_later_version_removed_leaves_the_case_history_readable(
    client, staff, leader, policy
):
    case = record_case(policy, staff, path_name="Late return", amount="5")
    publish_version(policy, approver=leader, summary="No more late returns.", paths=[])
    case.refresh_from_db()
    follow_up(case, staff, "resolved", notes="Happy.")
    client.force_login(staff)

    response = client.get(reverse("exceptions:history", args=[case.pk]))

    assert response.status_code == 200
    words = words_on(response.content)
    assert "Exception path" not in words
    assert "Follow-up result Removed: — Added: Resolved" in words
