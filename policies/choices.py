from django.db import models
from django.utils.translation import gettext_lazy as _


class Flexibility(models.TextChoices):
    FIRM = "firm", _("Firm: never bent")
    FLEXIBLE = "flexible", _("Flexible: bent only through its exception paths")


class Tier(models.IntegerChoices):
    """Who may decide: ordered, so a higher number outranks a lower one."""

    STAFF = 1, _("Staff")
    SUPERVISOR = 2, _("Supervisor")
    LEADERSHIP = 3, _("Leadership")


class ChangeKind(models.TextChoices):
    SUBSTANTIVE = "substantive", _("Substantive: changes what staff may do")
    EDITORIAL = "editorial", _("Editorial: wording only, same rule")


class ItemStatus(models.TextChoices):
    """How an inline item, such as an exception path, fares from one version to the next."""

    ADDED = "added", _("Added")
    REMOVED = "removed", _("Removed")
    CHANGED = "changed", _("Changed")
    MOVED = "moved", _("Moved")
    UNCHANGED = "unchanged", _("Unchanged")
