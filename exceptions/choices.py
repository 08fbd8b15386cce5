from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    GRANTED_WITHIN_PATH = "granted", _("Granted within a path")
    GRANTED_OUTSIDE_PATH = "granted_outside", _("Granted outside any path")
    UPHELD = "upheld", _("Rule upheld")
    ESCALATED = "escalated", _("Escalated, waiting for a decision")


DECIDED_OUTCOMES = [Outcome.GRANTED_WITHIN_PATH, Outcome.GRANTED_OUTSIDE_PATH, Outcome.UPHELD]


class Standing(models.TextChoices):
    STANDING = "standing", _("Standing")
    CODIFIED = "codified", _("Codified: a policy revision absorbed it")
    SUPERSEDED = "superseded", _("Superseded")
    OVERRULED = "overruled", _("Overruled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    CHAT = "chat", _("Chat")
    STORE = "store", _("In store")
    SOCIAL = "social", _("Social media")
    OTHER = "other", _("Other")


class FollowUpResult(models.TextChoices):
    RESOLVED = "resolved", _("Resolved")
    CAME_BACK = "came_back", _("Customer came back")
    COMPLAINT = "complaint", _("Complaint")
    CHURNED = "churned", _("Customer left")
    OTHER = "other", _("Other")


class Request(models.TextChoices):
    """What the recorder asked for: the outcome they sought, before authority is checked.

    Its values are those of the decided outcomes, so a case decided on the spot
    has the outcome it asked for, and an escalated one keeps what was asked.
    """

    GRANT_WITHIN_PATH = Outcome.GRANTED_WITHIN_PATH.value, _("Grant within a path")
    GRANT_OUTSIDE_PATH = Outcome.GRANTED_OUTSIDE_PATH.value, _("Grant outside any path")
    UPHOLD = Outcome.UPHELD.value, _("Uphold the rule")


class Decision(models.TextChoices):
    """What a supervisor or leader decides on an escalated case."""

    GRANT = "grant", _("Grant the exception")
    UPHOLD = "uphold", _("Uphold the rule")


class MyCases(models.TextChoices):
    """The reader's part in a case, for the case list's "My cases" filter."""

    RECORDED = "recorded", _("Cases I recorded")
    DECIDED = "decided", _("Cases I decided")
