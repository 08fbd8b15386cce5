"""Policies as the API shows them: live ones, one as of a day, and their versions."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.models import Page
from wagtail.rich_text import expand_db_html

from exceptions.answer_time_words import ledger_sentence
from exceptions.rulebook import PathTerms, promised_hours
from policies.choices import ChangeKind, Flexibility, Tier
from portal.people import display_name

from .cases import CaseBriefSerializer
from .common import TIER_HELP, amount_field


class AnswerTimeSerializer(serializers.Serializer):
    """How fast one tier answered this path's escalations over the last 90 days."""

    tier = serializers.ChoiceField(choices=Tier.choices, help_text=TIER_HELP)
    promised_hours = serializers.IntegerField(help_text=_("The hours this tier promises."))
    cases = serializers.IntegerField(help_text=_("Escalations decided in the window."))
    median_hours = serializers.FloatField(
        allow_null=True, help_text=_("Half were decided within this many hours; null for none.")
    )
    nine_in_ten_hours = serializers.FloatField(
        allow_null=True, help_text=_("Nine in ten were decided within this; null for none.")
    )
    late = serializers.IntegerField(help_text=_("Decided later than promised."))
    sentence = serializers.CharField(help_text=_("The same, as the policy page says it."))


class ExceptionPathSerializer(serializers.Serializer):
    """A sanctioned way to bend the policy: who may grant it, how far, how fast."""

    id = serializers.IntegerField(help_text=_("The path's id, to record a case within it."))
    name = serializers.CharField(help_text=_("The path's name."))
    tier = serializers.ChoiceField(
        source="authority",
        choices=Tier.choices,
        help_text=_("Who may grant it: 1 staff, 2 supervisor, 3 leadership."),
    )
    limit_amount = amount_field(_("The most it allows, or null for no cap."), allow_null=True)
    limit_unit = serializers.CharField(help_text=_("What the limit counts, e.g. EUR or days."))
    limit_text = serializers.CharField(help_text=_("The limit in words, e.g. once a year."))
    limit_in_words = serializers.CharField(help_text=_("The limit as a reader says it."))
    conditions = serializers.CharField(help_text=_("When this path applies."))
    record = serializers.CharField(help_text=_("What must be recorded."))
    promised_hours = serializers.IntegerField(
        source="decision_hours",
        help_text=_("Hours within which a decision is promised; 0 on the spot."),
    )
    answer_times = serializers.SerializerMethodField(
        help_text=_(
            "Real answer times per tier its escalations go to, last 90 days; only for the "
            "version in force, empty for an older one."
        )
    )

    @extend_schema_field(AnswerTimeSerializer(many=True))
    def get_answer_times(self, path):
        ledger = self.context.get("ledger")
        if ledger is None:
            return []
        terms = PathTerms.of(path)
        tiers = {tier for path_id, tier in ledger if path_id == path.pk}
        if terms.tier > Tier.STAFF:
            tiers.add(terms.tier)
        rows = []
        for tier in sorted(tiers):
            promised = promised_hours(path=terms, tier=Tier(tier))
            figures = ledger.get((path.pk, tier))
            rows.append(
                {
                    "tier": tier,
                    "promised_hours": promised,
                    "cases": figures.cases if figures else 0,
                    "median_hours": figures.median_hours if figures else None,
                    "nine_in_ten_hours": figures.nine_in_ten_hours if figures else None,
                    "late": figures.late if figures else 0,
                    "sentence": ledger_sentence(
                        tier=tier, promised_hours=promised, figures=figures
                    ),
                }
            )
        return rows


class VersionRefSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text=_("The version's number, from 1."))
    went_live_at = serializers.DateTimeField(help_text=_("When it went live."))


class PolicySummarySerializer(serializers.Serializer):
    """A live policy in a list."""

    id = serializers.IntegerField(help_text=_("The policy's id."))
    title = serializers.CharField(help_text=_("The policy's title."))
    summary = serializers.CharField(help_text=_("The rule in one plain sentence."))
    area = serializers.SerializerMethodField(help_text=_("The policy's area."))
    flexibility = serializers.ChoiceField(
        choices=Flexibility.choices,
        help_text=_("firm (never bent, no paths) or flexible (bent only through its paths)."),
    )
    page_url = serializers.SerializerMethodField(help_text=_("The policy's page."))
    tags = serializers.SerializerMethodField(help_text=_("The policy's tags."))

    def get_area(self, policy) -> str:
        """The title of the live area above it, from the `areas` (path to title) in context."""
        return self.context.get("areas", {}).get(policy.path[: -Page.steplen], "")

    def get_page_url(self, policy) -> str:
        return policy.url or ""

    def get_tags(self, policy) -> list[str]:
        return sorted(tag.name for tag in policy.tags.all())


class PolicySerializer(PolicySummarySerializer):
    """A policy as published: the rule, why it exists, how to explain it, its paths."""

    rule = serializers.SerializerMethodField(help_text=_("The full rule, as HTML."))
    rationale = serializers.SerializerMethodField(help_text=_("Why the rule exists, as HTML."))
    how_to_explain = serializers.SerializerMethodField(
        help_text=_("How to explain it to a customer, as HTML.")
    )
    scope = serializers.CharField(help_text=_("Who and what it applies to."))
    owning_team = serializers.CharField(help_text=_("The team that owns it."))
    version = serializers.SerializerMethodField(
        help_text=_("The version shown: in force now, or on the day asked.")
    )
    paths = serializers.SerializerMethodField(
        help_text=_("Its exception paths; none for a firm policy.")
    )

    def get_rule(self, policy) -> str:
        return expand_db_html(policy.rule)

    def get_rationale(self, policy) -> str:
        return expand_db_html(policy.rationale)

    def get_how_to_explain(self, policy) -> str:
        return expand_db_html(policy.how_to_explain)

    @extend_schema_field(VersionRefSerializer(allow_null=True))
    def get_version(self, policy):
        version = self.context.get("version")
        return None if version is None else VersionRefSerializer(version).data

    @extend_schema_field(ExceptionPathSerializer(many=True))
    def get_paths(self, policy):
        paths = [] if policy.flexibility == Flexibility.FIRM else policy.exception_paths.all()
        return ExceptionPathSerializer(paths, many=True, context=self.context).data


class PublishedVersionSerializer(serializers.Serializer):
    """A published version: when it went live, who wrote and approved it, and why."""

    number = serializers.IntegerField(help_text=_("The version's number, from 1."))
    went_live_at = serializers.DateTimeField(help_text=_("When it went live."))
    published_by = serializers.SerializerMethodField(help_text=_("Who made it live."))
    approved_by = serializers.SerializerMethodField(help_text=_("Who approved it."))
    summary = serializers.SerializerMethodField(help_text=_("Its change summary."))
    kind = serializers.SerializerMethodField(
        help_text=_("substantive or editorial; empty for a version without a note.")
    )
    driven_by = serializers.SerializerMethodField(help_text=_("The cases that drove it."))

    def get_published_by(self, version) -> str:
        return display_name(version.published_by)

    def get_approved_by(self, version) -> list[str]:
        return [display_name(user) for user in version.approved_by or () if user is not None]

    def get_summary(self, version) -> str:
        return version.note.summary if version.note else ""

    @extend_schema_field(serializers.ChoiceField(choices=[*ChangeKind.choices, ("", "")]))
    def get_kind(self, version) -> str:
        return version.note.kind if version.note else ""

    @extend_schema_field(CaseBriefSerializer(many=True))
    def get_driven_by(self, version):
        cases = version.note.driven_by.all() if version.note else []
        return CaseBriefSerializer(cases, many=True).data
