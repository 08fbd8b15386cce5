"""Precedent cases: each time a rule was bent or upheld, kept forever with its history."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase
from wagtail.search import index

from policies.choices import Tier
from policies.wording import amount_in_words

from .choices import Channel, FollowUpResult, Outcome, Request, Standing
from .querysets import AWAITING_ANSWER, PrecedentQuerySet
from .rulebook import PathTerms, granted_in_words, promised_hours


class PrecedentTag(TaggedItemBase):
    content_object = models.ForeignKey(
        "exceptions.Precedent", on_delete=models.CASCADE, related_name="tagged_items"
    )


# taggit ships no types, so django-stubs cannot see PrecedentTag's manager behind tagged_items.
class Precedent(index.Indexed, models.Model):  # type: ignore[django-manager-missing]
    """A case where a rule was bent or upheld: what happened, under which version, by whom.

    It keeps the policy revision in force when it was recorded and a snapshot of
    the exception path used, so it reads the same after the policy changes.
    Never deleted: a case that should not count is withdrawn.
    """

    policy = models.ForeignKey(
        "policies.PolicyPage",
        on_delete=models.PROTECT,
        related_name="precedents",
        verbose_name=_("policy"),
    )
    policy_revision = models.ForeignKey(
        "wagtailcore.Revision",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("policy version in force"),
    )
    exception_path = models.ForeignKey(
        "policies.ExceptionPath",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="precedents",
        verbose_name=_("exception path"),
    )
    path_name = models.CharField(_("path"), max_length=120, blank=True)
    path_tier = models.PositiveSmallIntegerField(
        _("path's authority"), choices=Tier.choices, null=True, blank=True
    )
    path_limit_amount = models.DecimalField(
        _("path's limit"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    path_limit_unit = models.CharField(_("path's limit unit"), max_length=20, blank=True)
    path_decision_hours = models.PositiveIntegerField(
        _("decision promised within (hours)"), null=True, blank=True
    )

    situation = models.TextField(_("situation"))
    amount = models.DecimalField(
        _("amount"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    # What the recorder sought; kept when the case is escalated, so the decider sees it.
    # Empty on cases recorded before it was kept.
    requested_outcome = models.CharField(
        _("asked for"), max_length=20, choices=Request.choices, blank=True
    )
    rationale = models.TextField(_("rationale"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    tags = TaggableManager(through=PrecedentTag, blank=True)

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="recorded_precedents",
        verbose_name=_("recorded by"),
    )
    # The tier the recorder acted at: whether they could have decided the case themselves
    # under another version of the policy (a draft's replay) depends on it.
    recorded_by_tier = models.PositiveSmallIntegerField(
        _("recorder's tier"), choices=Tier.choices, null=True, blank=True
    )
    # Indexed: exception pressure reads only the cases recorded in its window.
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, db_index=True)
    escalated_to_tier = models.PositiveSmallIntegerField(
        _("escalated to"), choices=Tier.choices, null=True, blank=True
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="decided_precedents",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )
    decided_by_tier = models.PositiveSmallIntegerField(
        _("decider's tier"), choices=Tier.choices, null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, db_index=True)
    decision_rationale = models.TextField(_("decision rationale"), blank=True)
    # Set when the decider granted less than was asked, in the same unit.
    granted_amount = models.DecimalField(
        _("amount granted"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    # A decider's question to the recorder, while the case waits for its answer; the
    # latest question and answer are kept here, every earlier one in the history.
    question = models.TextField(_("question to the recorder"), blank=True)
    question_asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("question asked by"),
    )
    question_asked_at = models.DateTimeField(_("question asked at"), null=True, blank=True)
    answer = models.TextField(_("recorder's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # How long the case waited for answers: its decision is due that much later.
    clock_paused = models.DurationField(
        _("time waiting for answers"), default=datetime.timedelta(0)
    )

    follow_up_due = models.DateField(_("follow-up due"), null=True, blank=True)
    follow_up_result = models.CharField(
        _("follow-up result"), max_length=12, choices=FollowUpResult.choices, blank=True
    )
    follow_up_notes = models.TextField(_("follow-up notes"), blank=True)
    followed_up_at = models.DateTimeField(_("followed up at"), null=True, blank=True)

    standing = models.CharField(
        _("standing"), max_length=12, choices=Standing.choices, default=Standing.STANDING
    )
    withdrawn_reason = models.TextField(_("why it was withdrawn"), blank=True)
    # Raised by one on every change. A form carries the count it was shown with, and
    # a change made from an older count is refused: it would undo what came since.
    change_count = models.PositiveIntegerField(_("changes so far"), default=1, editable=False)
    # The record form's one-time token: submitting the same form twice records one case.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)
    # When the recorder first opened the case after someone else decided it. A reading,
    # not a change to the case, so it stays out of the case's history.
    decision_seen_at = models.DateTimeField(null=True, blank=True, editable=False)

    # A case brought in from an exception log kept before the portal: the file it came
    # from, and the key that finds it again (the log's own id, or a fingerprint of its
    # row), so importing the same file twice adds nothing.
    imported_from = models.CharField(_("imported from"), max_length=255, blank=True)
    import_key = models.CharField(
        max_length=120, null=True, blank=True, unique=True, editable=False
    )
    # Decided before the policy's first version in the portal: pinned to that version.
    recorded_before_portal = models.BooleanField(
        _("recorded before the policy was in the portal"), default=False
    )
    # A decider the log names who has no account in the portal, kept as the log wrote it.
    decided_by_name = models.CharField(
        _("decided by (as the log names them)"), max_length=150, blank=True
    )

    # Change reasons quote what people typed (a withdrawal reason, a version summary),
    # so they get a text column rather than simple-history's 100 characters.
    history = HistoricalRecords(
        history_change_reason_field=models.TextField(null=True),
        excluded_fields=["decision_seen_at"],
    )
    objects = PrecedentQuerySet.as_manager()

    search_fields = [
        index.SearchField("situation"),
        index.SearchField("rationale"),
        index.SearchField("decision_rationale"),
        index.SearchField("follow_up_notes"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.RelatedFields("policy", [index.SearchField("title")]),
        index.FilterField("id"),
        index.FilterField("policy_id"),
        index.FilterField("outcome"),
        index.FilterField("standing"),
        index.FilterField("recorded_at"),
    ]

    class Meta:
        verbose_name = _("precedent case")
        verbose_name_plural = _("precedent cases")
        ordering = ["-recorded_at", "-pk"]
        permissions = [
            ("decide_precedent", _("Can decide escalated cases")),
            ("import_precedent", _("Can import an exception log")),
        ]
        indexes = [
            models.Index(fields=["policy", "-recorded_at"]),
            # The policy page counts its cases by outcome from this index alone.
            models.Index(fields=["policy", "standing", "outcome"]),
            models.Index(fields=["outcome", "escalated_to_tier", "escalated_at"]),
            # The case list's main filters, newest first; counting them reads the index only.
            models.Index(fields=["outcome", "path_tier", "-recorded_at"]),
            models.Index(fields=["recorded_by", "follow_up_due"]),
            # The recorder's "decided since you last looked", from the few unseen ones.
            models.Index(
                fields=["recorded_by", "decided_at"],
                condition=models.Q(decision_seen_at__isnull=True, escalated_at__isnull=False),
                name="precedent_decided_unseen",
            ),
            # Wagtail's search joins its index entries to cases on the id written as
            # text; without this the join reads every case, however few match.
            models.Index(
                Cast(Cast("id", models.CharField(max_length=50)), models.TextField()),
                name="precedent_search_key",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__isnull=True) | models.Q(amount__gte=0),
                name="precedent_amount_not_negative",
            ),
            # An imported case may name its decider only as text, or not at all.
            models.CheckConstraint(
                condition=models.Q(outcome=Outcome.ESCALATED)
                | models.Q(decided_by__isnull=False, decided_at__isnull=False)
                | models.Q(import_key__isnull=False, decided_at__isnull=False),
                name="precedent_decided_has_decider_and_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome=Outcome.ESCALATED)
                | models.Q(escalated_to_tier__isnull=False, escalated_at__isnull=False),
                name="precedent_escalated_has_tier_and_time",
            ),
            models.CheckConstraint(
                condition=models.Q(granted_amount__isnull=True)
                | models.Q(granted_amount__gt=0, granted_amount__lt=F("amount")),
                name="precedent_granted_less_than_asked",
            ),
            models.CheckConstraint(
                condition=~AWAITING_ANSWER | models.Q(outcome=Outcome.ESCALATED),
                name="precedent_awaiting_answer_is_undecided",
            ),
            models.CheckConstraint(
                condition=models.Q(clock_paused__gte=datetime.timedelta(0)),
                name="precedent_clock_paused_not_negative",
            ),
            models.UniqueConstraint(
                fields=["recorded_by", "submission_token"],
                name="precedent_one_case_per_submission",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.policy.title}: {self.situation[:60]}"

    def get_absolute_url(self):
        return reverse("exceptions:detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        raise PermissionDenied("Precedent cases are never deleted; withdraw them instead.")

    @property
    def is_escalated(self) -> bool:
        """Waiting for a decision (a withdrawn case waits for nobody: see is_withdrawn)."""
        return self.outcome == Outcome.ESCALATED

    @property
    def is_decided(self) -> bool:
        return self.decided_at is not None

    @property
    def is_withdrawn(self) -> bool:
        return self.standing == Standing.WITHDRAWN

    @property
    def is_awaiting_answer(self) -> bool:
        """A decider asked the recorder a question that is not answered yet."""
        return self.question_asked_at is not None and self.answered_at is None

    @property
    def path_terms(self) -> PathTerms | None:
        """The exception path as it stood when the case was recorded, or None."""
        if not self.path_name or self.path_tier is None:
            return None
        return PathTerms(
            name=self.path_name,
            tier=Tier(self.path_tier),
            limit=self.path_limit_amount,
            unit=self.path_limit_unit,
            decision_hours=self.path_decision_hours or 0,
        )

    @property
    def smaller_grant_display(self) -> str:
        """Less granted than asked, in words ("Granted 40 of 60 days asked"), or "" if not."""
        if self.granted_amount is None:
            return ""
        return granted_in_words(
            granted=self.granted_amount, asked=self.amount, unit=self.path_limit_unit
        )

    @property
    def limit_display(self) -> str:
        return amount_in_words(self.path_limit_amount, self.path_limit_unit)

    @property
    def promised_decision_hours(self) -> int:
        """How fast an escalated case should be answered: its path's promise or the tier's."""
        tier = None if self.escalated_to_tier is None else Tier(self.escalated_to_tier)
        return promised_hours(path=self.path_terms, tier=tier)

    def waiting_hours(self, now=None) -> float:
        """Hours the case has waited for a decision, not counting its waits for answers."""
        if not self.escalated_at:
            return 0
        now = now or timezone.now()
        return (now - self.escalated_at - self.clock_paused).total_seconds() / 3600

    @property
    def follow_up_overdue(self) -> bool:
        """The follow-up is still to be recorded and its day has passed."""
        return (
            self.follow_up_due is not None
            and not self.follow_up_result
            and self.follow_up_due < timezone.localdate()
        )

    def is_overdue(self, now=None) -> bool:
        return (
            self.is_escalated
            and not self.is_withdrawn
            and not self.is_awaiting_answer
            and self.waiting_hours(now) > self.promised_decision_hours
        )


# The longest reason for a change a person may type: a sentence or two.
CHANGE_REASON_MAX_LENGTH = 500
