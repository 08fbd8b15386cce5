"""Personal API tokens: how another system calls the API as one person."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# What every token starts with, so a leaked one is recognised (by a secret scanner, say).
TOKEN_PREFIX = "pp_"  # noqa: S105 (a label, not a secret)


class ApiToken(models.Model):
    """A named, revocable token that lets a program call the API as its person.

    Only the SHA-256 of its secret is kept: the secret is shown once, when made,
    and a copy of the database lets nobody call the API. Deleting the row revokes it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(
        _("name"), max_length=80, help_text=_("What uses it, e.g. “helpdesk sidebar”.")
    )
    secret_hash = models.CharField(_("hash of the secret"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("made at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="api_token_name_once_per_person")
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def hash_of(secret: str) -> str:
        """The SHA-256 of `secret`: a random secret of 256 bits is never guessed, so a
        slow password hash would only slow every call."""
        return hashlib.sha256(secret.encode()).hexdigest()
