from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    """What an endpoint may subscribe to; the value is the `event` of each delivery."""

    CASE_ESCALATED = "case.escalated", _("Case escalated")
    CASE_DECIDED = "case.decided", _("Case decided")
    VERSION_PUBLISHED = "policy.version_published", _("Policy version published")
    REVIEW_DUE = "policy.review_due", _("Review due")


class Preset(models.TextChoices):
    """The shape of the body: the portal's own JSON, or what a chat's incoming webhook takes."""

    GENERIC = "generic", _("Generic JSON")
    SLACK = "slack", _("Slack incoming webhook")
    TEAMS = "teams", _("Microsoft Teams incoming webhook (Adaptive Card)")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    RETRYING = "retrying", _("Failed, will try again")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed, gave up")
