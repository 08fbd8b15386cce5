"""A request that makes an event answers at once, whatever the receivers do: the event is
only queued, after the commit, and a failure to queue it breaks nothing."""

import pytest
from django_tasks_db.models import DBTaskResult

from exceptions.models import Precedent
from portal.webhooks.choices import DeliveryStatus, Event
from portal.webhooks.models import WebhookDelivery
from tests.portal.test_mail import post_escalation

pytestmark = pytest.mark.django_db(transaction=True)

WEBHOOK_TIMEOUT = 3


@pytest.fixture(autouse=True)
def worker_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.PORTAL_WEBHOOK_TIMEOUT = WEBHOOK_TIMEOUT


def test_escalating_answers_at_once_while_the_receiver_hangs(
    client, receiver, make_endpoint, policy, staff, supervisor
):
    receiver.hang = True
    make_endpoint("all", events=[Event.CASE_ESCALATED])
    client.force_login(staff)

    response, seconds = post_escalation(client, policy)

    assert response.status_code == 302
    assert Precedent.objects.get().is_escalated
    assert seconds < WEBHOOK_TIMEOUT / 2
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.attempts == 0
    task = DBTaskResult.objects.get(task_path="portal.webhooks.tasks.deliver_webhook")
    assert task.status == "READY"
    assert task.args_kwargs["args"] == [delivery.pk]


def test_an_event_that_cannot_be_queued_is_logged_and_the_case_kept(
    client, make_endpoint, policy, staff, supervisor, monkeypatch, caplog
):
    make_endpoint("all", events=[Event.CASE_ESCALATED])

    def broken(preset, event):
        raise RuntimeError("queue unavailable")

    monkeypatch.setattr("portal.webhooks.services.body_for", broken)
    client.force_login(staff)

    response, _seconds = post_escalation(client, policy)

    assert response.status_code == 302
    assert Precedent.objects.get().is_escalated
    assert not WebhookDelivery.objects.exists()
    assert "Could not queue the webhook event case.escalated" in caplog.text
