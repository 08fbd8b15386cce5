"""Each event the portal tells reaches every active endpoint subscribed to it exactly once,
signed and fresh, and nothing reaches the others. (Tests run the task queue at once.)"""

import datetime

import pytest
from django.utils import timezone

from policies.models import PolicyPage
from portal.reminders import send_review_reminders
from portal.webhooks.choices import DeliveryStatus, Event
from portal.webhooks.models import WebhookDelivery
from tests.exceptions.factories import decide, record_case
from tests.policies.factories import publish_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def endpoints(make_endpoint, policy, supervisor):
    """`all` hears every event, `escalations` only escalations; `off` is inactive."""
    make_endpoint("all")
    make_endpoint("escalations", events=[Event.CASE_ESCALATED])
    make_endpoint("off", active=False)


def escalate(policy, staff):
    return record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )


def test_an_escalation_reaches_each_subscribed_endpoint_once(
    endpoints, receiver, policy, staff, django_capture_on_commit_callbacks, settings
):
    settings.WAGTAILADMIN_BASE_URL = "https://policies.example.com"
    with django_capture_on_commit_callbacks(execute=True):
        case = escalate(policy, staff)

    for name in ("all", "escalations"):
        [received] = receiver.at(name)
        assert received.signature_valid
        assert received.timestamp_fresh
        assert received.headers["X-Portal-Event"] == "case.escalated"
        assert received.payload["event"] == "case.escalated"
        assert received.payload["id"] == received.event_id
        assert received.payload["data"]["case"]["id"] == case.pk
        assert received.payload["data"]["case"]["escalated_to_tier"] == 2
        assert received.payload["data"]["case"]["url"] == (
            f"https://policies.example.com/cases/{case.pk}/"
        )
    assert receiver.at("off") == []
    assert receiver.at("all")[0].event_id == receiver.at("escalations")[0].event_id
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {
        DeliveryStatus.DELIVERED
    }


def test_a_decided_escalation_reaches_only_endpoints_subscribed_to_decisions(
    endpoints, receiver, policy, staff, supervisor, django_capture_on_commit_callbacks
):
    case = escalate(policy, staff)

    with django_capture_on_commit_callbacks(execute=True):
        decide(case, supervisor, rationale="Card statement seen.")

    [received] = receiver.at("all")
    assert received.payload["event"] == "case.decided"
    assert received.payload["data"]["case"]["outcome"] == "granted"
    assert received.payload["data"]["case"]["decision_rationale"] == "Card statement seen."
    assert receiver.at("escalations") == []


def test_a_case_decided_as_it_is_recorded_is_a_decision(
    endpoints, receiver, policy, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = record_case(policy, staff, path_name="Late return", amount="4")

    [received] = receiver.at("all")
    assert received.payload["event"] == "case.decided"
    assert received.payload["data"]["case"]["id"] == case.pk
    assert received.payload["data"]["case"]["amount"] == "4"
    assert receiver.at("escalations") == []


def test_nothing_is_queued_or_sent_before_the_case_is_committed(
    endpoints, receiver, policy, staff, django_capture_on_commit_callbacks
):
    # The callbacks wait for a commit that never comes: the test's transaction rolls back.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        escalate(policy, staff)

    assert callbacks
    assert not WebhookDelivery.objects.exists()
    assert receiver.received == []


def test_a_published_version_reaches_endpoints_subscribed_to_versions(
    endpoints, receiver, policy, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish_version(policy, approver=leader, summary="Longer window for gifts.")

    [received] = receiver.at("all")
    assert received.payload["event"] == "policy.version_published"
    assert received.payload["data"]["version"]["number"] == 2
    assert received.payload["data"]["version"]["summary"] == "Longer window for gifts."
    assert received.payload["data"]["policy"]["title"] == "Returns within 30 days"
    assert receiver.at("escalations") == []


def test_a_due_review_is_announced_once_however_often_the_daily_job_runs(
    endpoints, receiver, policy, django_capture_on_commit_callbacks
):
    due_on = timezone.localdate() - datetime.timedelta(days=3)
    PolicyPage.objects.filter(pk=policy.pk).update(next_review_due=due_on)

    for days_later in (0, 1, 8):
        with django_capture_on_commit_callbacks(execute=True):
            send_review_reminders(now=timezone.now() + datetime.timedelta(days=days_later))

    [received] = receiver.at("all")
    assert received.payload["event"] == "policy.review_due"
    assert received.payload["data"]["review_due_on"] == due_on.isoformat()
    assert received.payload["data"]["policy"]["id"] == policy.pk


def test_a_review_due_on_a_new_date_is_announced_again(
    endpoints, receiver, policy, django_capture_on_commit_callbacks
):
    for days_ago in (40, 3):
        due_on = timezone.localdate() - datetime.timedelta(days=days_ago)
        PolicyPage.objects.filter(pk=policy.pk).update(next_review_due=due_on)
        with django_capture_on_commit_callbacks(execute=True):
            send_review_reminders()

    assert len({received.event_id for received in receiver.at("all")}) == 2
