"""Queueing an event for the webhook endpoints that subscribe to it.

Nothing here reaches outside the portal within a request. An event is queued when the
transaction that made it commits (a rolled-back case announces nothing); each delivery
is then a background task (portal.webhooks.tasks), so a slow or failing receiver costs
the request nothing, and a failure to queue is logged, never raised: what the event
announces is already saved and must stay so.
"""

import logging
from collections.abc import Callable
from functools import partial

from django.db import transaction

from .choices import Event
from .events import WebhookEvent
from .models import WebhookDelivery, WebhookEndpoint
from .presets import body_for
from .tasks import deliver_webhook

logger = logging.getLogger(__name__)


def announce(kind: Event, build: Callable[[], list[WebhookEvent]]) -> None:
    """Queue the events of one kind that `build` makes, after the commit, for every
    endpoint subscribed to `kind`. `build` runs only when one is."""
    transaction.on_commit(partial(_queue_quietly, kind, build))


def subscribed_endpoints(kind: Event) -> list[WebhookEndpoint]:
    # A handful of endpoints at most: choosing them here works on every database,
    # where a lookup inside the JSON list would not.
    return [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(active=True)
        if endpoint.subscribes_to(kind)
    ]


def queue_events(kind: Event, build: Callable[[], list[WebhookEvent]]) -> list[WebhookDelivery]:
    """Write a delivery per event and subscribed endpoint, each with the task that sends it;
    return those written.

    An endpoint that already has this event (same id) gets nothing more: an event
    announced again, as a review due day after day, is delivered once.
    """
    endpoints = subscribed_endpoints(kind)
    if not endpoints:
        return []
    queued = []
    for event, endpoint in ((event, endpoint) for event in build() for endpoint in endpoints):
        with transaction.atomic():
            delivery, created = WebhookDelivery.objects.get_or_create(
                endpoint=endpoint,
                event_id=event.id,
                defaults={"event": event.kind, "body": body_for(endpoint.preset, event)},
            )
            if created:
                # In the same transaction: with the database backend, a delivery is never
                # written without the task that sends it.
                deliver_webhook.enqueue(delivery.pk)
                queued.append(delivery)
    return queued


def _queue_quietly(kind: Event, build: Callable[[], list[WebhookEvent]]) -> None:
    try:
        queue_events(kind, build)
    except Exception:
        logger.exception("Could not queue the webhook event %s", kind)
