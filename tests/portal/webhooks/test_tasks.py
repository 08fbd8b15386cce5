"""The worker sends each delivery, writes every try to the delivery log, and tries again
later, a bounded number of times, after a failure, a timeout or an answer other than 2xx."""

import datetime
import socket
import time

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from portal.webhooks.choices import DeliveryStatus, Event
from portal.webhooks.models import WebhookDelivery
from portal.webhooks.tasks import RETRY_AFTER_MINUTES
from tests.exceptions.factories import record_case

# Each test commits for real, as a request does, so the worker sees what was queued.
pytestmark = pytest.mark.django_db(transaction=True)

DELIVER_WEBHOOK = "portal.webhooks.tasks.deliver_webhook"


@pytest.fixture(autouse=True)
def worker_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_WEBHOOK_TIMEOUT = 1


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def run_the_next_try():
    """The time for the next try has come: the worker takes it."""
    DBTaskResult.objects.filter(task_path=DELIVER_WEBHOOK, status="READY").update(
        run_after=timezone.now()
    )
    run_worker()


def escalate(policy, staff):
    return record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )


def test_a_receiver_failing_twice_gets_the_delivery_on_the_third_try(
    receiver, make_endpoint, policy, staff, supervisor
):
    receiver.fail_first = 2
    make_endpoint("all", events=[Event.CASE_ESCALATED])
    escalate(policy, staff)

    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.response_code == 500
    assert delivery.attempts == 1
    expected = timezone.now() + datetime.timedelta(minutes=RETRY_AFTER_MINUTES[0])
    assert abs(delivery.next_attempt_at - expected) < datetime.timedelta(seconds=30)

    run_the_next_try()
    run_the_next_try()

    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.attempts == 3
    assert delivery.next_attempt_at is None
    assert [(a.number, a.response_code) for a in delivery.attempt_log.all()] == [
        (1, 500),
        (2, 500),
        (3, 200),
    ]
    received = receiver.at("all")
    assert len(received) == 3
    assert all(r.signature_valid and r.timestamp_fresh for r in received)
    # The same event, body and id each time: the receiver drops repeats by the id.
    assert len({r.event_id for r in received}) == 1
    assert len({r.body for r in received}) == 1
    assert not DBTaskResult.objects.filter(task_path=DELIVER_WEBHOOK, status="READY").exists()


def test_a_receiver_that_never_takes_it_is_tried_a_bounded_number_of_times(
    receiver, make_endpoint, policy, staff, supervisor
):
    receiver.fail_first = 100
    make_endpoint("all", events=[Event.CASE_ESCALATED])
    escalate(policy, staff)

    run_worker()
    for _retry in RETRY_AFTER_MINUTES:
        run_the_next_try()
    run_the_next_try()

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == len(RETRY_AFTER_MINUTES) + 1
    assert delivery.next_attempt_at is None
    assert delivery.response_code == 500
    assert "HTTP 500" in delivery.error
    assert len(receiver.at("all")) == len(RETRY_AFTER_MINUTES) + 1
    assert not DBTaskResult.objects.filter(task_path=DELIVER_WEBHOOK, status="READY").exists()


def test_a_hanging_receiver_costs_the_worker_one_timeout_per_try(
    receiver, make_endpoint, policy, staff, supervisor
):
    receiver.hang = True
    make_endpoint("all", events=[Event.CASE_ESCALATED])
    escalate(policy, staff)
    started = time.monotonic()

    run_worker()

    assert time.monotonic() - started < 5
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.response_code is None
    assert "timed out" in delivery.error
    [attempt] = delivery.attempt_log.all()
    assert 900 <= attempt.duration_ms < 3000


def test_an_unreachable_receiver_is_logged_and_tried_again(
    make_endpoint, policy, staff, supervisor
):
    endpoint = make_endpoint("all", events=[Event.CASE_ESCALATED])
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    # Nothing listens on that port any more.
    endpoint.url = f"http://127.0.0.1:{port}/nobody"
    endpoint.save()
    escalate(policy, staff)

    run_worker()

    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.RETRYING
    assert delivery.response_code is None
    assert "refused" in delivery.error.lower()


def test_a_delivery_of_a_removed_endpoint_is_not_sent(
    receiver, make_endpoint, policy, staff, supervisor
):
    endpoint = make_endpoint("all", events=[Event.CASE_ESCALATED])
    escalate(policy, staff)
    endpoint.delete()

    run_worker()

    assert receiver.received == []
    assert DBTaskResult.objects.get(task_path=DELIVER_WEBHOOK).status == "SUCCESSFUL"
