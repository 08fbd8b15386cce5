from django.db import models
from django.utils.translation import gettext_lazy as _


class UnansweredSearch(models.Model):
    """A search that found nothing, counted so policy owners see what staff miss."""

    query = models.CharField(_("search"), max_length=255, unique=True)
    times_asked = models.PositiveIntegerField(_("times asked"), default=1)
    first_asked = models.DateTimeField(_("first asked"))
    last_asked = models.DateTimeField(_("last asked"))

    class Meta:
        # The model moved here from the portal app; its rows stayed where they were.
        db_table = "portal_unansweredsearch"
        verbose_name = _("unanswered search")
        verbose_name_plural = _("unanswered searches")
        ordering = ["-times_asked", "-last_asked"]

    def __str__(self):
        return self.query
