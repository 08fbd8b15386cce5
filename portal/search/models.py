from django.db import models
from django.utils.translation import gettext_lazy as _

from .terms import MAX_TERM_LENGTH


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


class PolicyTerm(models.Model):
    """A word of a live policy's names: what a misspelt search word is corrected to.

    Kept by services.keep_policy_terms when a version goes live or the policy is
    unpublished; the rows go with the policy when it is deleted. PostgreSQL finds
    close words with pg_trgm, SQLite through an FTS5 table with the trigram
    tokenizer that triggers keep in step with this one (migration 0002).
    """

    policy = models.ForeignKey(
        "policies.PolicyPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("policy")
    )
    word = models.CharField(_("word"), max_length=MAX_TERM_LENGTH)

    class Meta:
        verbose_name = _("policy term")
        verbose_name_plural = _("policy terms")
        constraints = [
            models.UniqueConstraint(fields=["policy", "word"], name="search_policyterm_once")
        ]
        indexes = [models.Index(fields=["word"], name="search_policyterm_word")]

    def __str__(self):
        return self.word
