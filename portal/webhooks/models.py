"""Where events go (WebhookEndpoint), and the log of what was sent to each and how it went
(WebhookDelivery, one per event and endpoint, with a DeliveryAttempt per try)."""

import secrets

from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import DeliveryStatus, Event, Preset


def new_secret() -> str:
    """A fresh signing secret: 256 random bits, as text a receiver can paste into its settings."""
    return secrets.token_urlsafe(32)


class WebhookEndpoint(models.Model):
    """An address outside the portal that hears of the events it subscribes to, signed with
    its own secret."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(
        _("address"),
        max_length=500,
        # Only web addresses: a file or FTP address would never answer a POST.
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Where each event is sent, as an HTTP POST of JSON."),
    )
    events = models.JSONField(_("events"), default=list)
    preset = models.CharField(
        _("payload"), max_length=10, choices=Preset.choices, default=Preset.GENERIC
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=64,
        blank=True,
        help_text=_(
            "Made by the portal when the endpoint is saved. The receiver checks each "
            "delivery's X-Portal-Signature with it."
        ),
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("An inactive endpoint is sent nothing.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.secret:
            self.secret = new_secret()
        super().save(*args, **kwargs)

    def subscribes_to(self, event: str) -> bool:
        return self.active and event in self.events

    def get_events_display(self) -> str:
        return ", ".join(str(Event(value).label) for value in self.events if value in Event)


class WebhookDelivery(models.Model):
    """One event sent to one endpoint: its body as signed, and how its tries went."""

    endpoint = models.ForeignKey(
        WebhookEndpoint,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name=_("endpoint"),
    )
    event = models.CharField(_("event"), max_length=30, choices=Event.choices)
    # The same for every endpoint and every try of one event: receivers drop repeats by it.
    event_id = models.UUIDField(_("event id"))
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    response_code = models.PositiveSmallIntegerField(_("last response code"), null=True)
    error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="webhook_delivery_once_per_endpoint"
            )
        ]
        indexes = [models.Index(fields=["-created_at"], name="webhook_delivery_newest")]

    def __str__(self):
        return f"{self.get_event_display()} → {self.endpoint}"


class DeliveryAttempt(models.Model):
    """One try at a delivery: what the receiver answered, or why it did not."""

    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    attempted_at = models.DateTimeField(_("tried"), default=timezone.now)
    response_code = models.PositiveSmallIntegerField(_("response code"), null=True)
    error = models.TextField(_("error"), blank=True)
    duration_ms = models.PositiveIntegerField(_("took (ms)"))

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["delivery", "number"]

    def __str__(self):
        return f"{self.delivery} #{self.number}"

    @property
    def succeeded(self) -> bool:
        return self.response_code is not None and 200 <= self.response_code < 300
