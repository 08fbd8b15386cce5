"""A policy's inline children: saved inside each of its revisions, so diffs show them too."""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..choices import Tier
from ..comparison import DecisionTimePanel, LinkedPolicyPanel
from ..wording import amount_in_words, decision_time_in_words

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ExceptionPath(Orderable):
    """A sanctioned way to bend a policy: who may grant it, how far, and how fast."""

    page = ParentalKey(
        "policies.PolicyPage", on_delete=models.CASCADE, related_name="exception_paths"
    )
    name = models.CharField(_("name"), max_length=120)
    authority = models.PositiveSmallIntegerField(
        _("who may grant it"), choices=Tier.choices, default=Tier.STAFF
    )
    limit_amount = models.DecimalField(
        _("limit"),
        max_digits=12,
        decimal_places=2,
        blank=True,
        null=True,
        validators=[MinValueValidator(0)],
        help_text=_("The most this path allows, as a number. Leave empty when there is no cap."),
    )
    limit_unit = models.CharField(
        _("limit unit"), max_length=20, blank=True, help_text=_("For example EUR, days or items.")
    )
    limit_text = models.CharField(
        _("limit in words"),
        max_length=200,
        blank=True,
        help_text=_("For example: once per customer per year."),
    )
    conditions = models.TextField(_("when this path applies"))
    record = models.TextField(_("what must be recorded"))
    decision_hours = models.PositiveIntegerField(
        _("decision promised within (hours)"),
        default=0,
        help_text=_("0 means the decision is given on the spot."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("authority"),
        FieldRowPanel([FieldPanel("limit_amount"), FieldPanel("limit_unit")]),
        FieldPanel("limit_text"),
        FieldPanel("conditions"),
        FieldPanel("record"),
        DecisionTimePanel("decision_hours"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("exception path")
        verbose_name_plural = _("exception paths")

    def __str__(self):
        return self.name

    def clean(self):
        if self.limit_amount is not None and not self.limit_unit:
            raise ValidationError({"limit_unit": _("Say what the limit counts, e.g. EUR or days.")})

    @property
    def limit_display(self) -> str:
        """The cap in plain words: "50 EUR", "14 days", or "" when there is none."""
        return amount_in_words(self.limit_amount, self.limit_unit)

    @property
    def limit_in_words(self) -> "StrOrPromise":
        """The limit as a reader says it: "up to 50 EUR", "up to 15 EUR · once a year",
        the limit's words alone ("case by case"), or "no set limit"."""
        if self.limit_amount is None:
            return self.limit_text or _("no set limit")
        up_to = _("up to %(amount)s") % {"amount": self.limit_display}
        return f"{up_to} · {self.limit_text}" if self.limit_text else up_to

    @property
    def decision_time_display(self) -> str:
        return decision_time_in_words(self.decision_hours)


class RelatedPolicy(Orderable):
    page = ParentalKey(
        "policies.PolicyPage", on_delete=models.CASCADE, related_name="related_policy_links"
    )
    policy = models.ForeignKey(
        "policies.PolicyPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("policy")
    )

    panels = [LinkedPolicyPanel("policy")]

    def __str__(self):
        return self.policy.title
