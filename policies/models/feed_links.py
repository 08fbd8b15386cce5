"""Private addresses of the change feed, for feed readers that cannot sign in."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeFeedLink(models.Model):
    """A person's private, revocable address of the change feed.

    Only a hash of the address's secret is kept, as for a password: a copy of
    the database gives nobody the feed, and the address is shown once, when made.
    Deleting the row revokes it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="change_feed_link",
        verbose_name=_("person"),
    )
    secret_hash = models.CharField(_("hash of the secret"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)

    class Meta:
        verbose_name = _("private change feed link")
        verbose_name_plural = _("private change feed links")

    def __str__(self):
        return str(_("Private change feed link of %(user)s") % {"user": self.user})

    @staticmethod
    def hash_of(secret: str) -> str:
        """The SHA-256 of `secret`: enough for a random secret of 256 bits, which no one
        guesses, so a slow password hash would only slow every feed reader's poll."""
        return hashlib.sha256(secret.encode()).hexdigest()
