"""The background task that sends a webhook delivery, writes each try to the delivery log
and tries again after a failure."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .choices import DeliveryStatus
from .models import DeliveryAttempt, WebhookDelivery
from .sending import post_signed

logger = logging.getLogger(__name__)

# How long the worker waits before each new try at a delivery the receiver did not take
# (no answer in PORTAL_WEBHOOK_TIMEOUT seconds, or an answer other than 2xx): about six
# hours in all, six tries, then the delivery is left failed with its last error.
RETRY_AFTER_MINUTES = [1, 5, 15, 60, 240]


class DeliveryFailed(Exception):
    """A try that failed: the task stays on record as failed, with the receiver's answer."""


@task()
def deliver_webhook(delivery_id: int) -> None:
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status == DeliveryStatus.DELIVERED:
        return  # the endpoint was removed since, or an earlier try got through
    attempt = attempt_delivery(delivery)
    if attempt.succeeded:
        return
    retries_left = attempt.number <= len(RETRY_AFTER_MINUTES)
    if retries_left and deliver_webhook.get_backend().supports_defer:
        delay = datetime.timedelta(minutes=RETRY_AFTER_MINUTES[attempt.number - 1])
        run_after = timezone.now() + delay
        retry_later(delivery, at=run_after)
        deliver_webhook.using(run_after=run_after).enqueue(delivery_id)
        logger.warning(
            "Webhook %s to %s failed (try %d: %s); trying again in %s",
            delivery.event,
            delivery.endpoint.url,
            attempt.number,
            attempt.error or attempt.response_code,
            delay,
        )
    else:
        logger.error(
            "Gave up on webhook %s to %s after %d tries: %s",
            delivery.event,
            delivery.endpoint.url,
            attempt.number,
            attempt.error or attempt.response_code,
        )
    raise DeliveryFailed(attempt.error or f"HTTP {attempt.response_code}")


def attempt_delivery(delivery: WebhookDelivery) -> DeliveryAttempt:
    """Send the delivery once, signed now, and write the try to its log."""
    endpoint = delivery.endpoint
    outcome = post_signed(
        url=endpoint.url,
        secret=endpoint.secret,
        body=delivery.body,
        event=delivery.event,
        event_id=str(delivery.event_id),
        timeout=settings.PORTAL_WEBHOOK_TIMEOUT,
    )
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_code = outcome.response_code
    delivery.error = outcome.error
    delivery.next_attempt_at = None
    delivery.status = DeliveryStatus.DELIVERED if outcome.succeeded else DeliveryStatus.FAILED
    with transaction.atomic():
        delivery.save()
        return DeliveryAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempts,
            attempted_at=now,
            response_code=outcome.response_code,
            error=outcome.error,
            duration_ms=outcome.duration_ms,
        )


def retry_later(delivery: WebhookDelivery, *, at) -> None:
    delivery.status = DeliveryStatus.RETRYING
    delivery.next_attempt_at = at
    delivery.save(update_fields=["status", "next_attempt_at"])
