"""Search across policies and cases: what a search asks and what it finds."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from exceptions.choices import Outcome
from portal.search.forms import SEARCHABLE_DATES
from portal.search.selectors import CASE, POLICY

from .cases import CaseBriefSerializer
from .common import PolicyRefSerializer

TEXT_QUERY_MAX_LENGTH = 200


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=TEXT_QUERY_MAX_LENGTH, help_text=_("The words to search for.")
    )
    type = serializers.ChoiceField(
        choices=[(POLICY, _("Policies")), (CASE, _("Cases"))],
        required=False,
        help_text=_("Only policies or only cases."),
    )
    area = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, required=False, help_text=_("A live area's id.")
    )
    outcome = serializers.ChoiceField(
        choices=Outcome.choices, required=False, help_text=_("Cases with this outcome only.")
    )
    recorded_from = serializers.DateField(
        required=False,
        validators=SEARCHABLE_DATES,
        help_text=_("Cases recorded on or after this day (1900 to 2999)."),
    )
    recorded_to = serializers.DateField(
        required=False,
        validators=SEARCHABLE_DATES,
        help_text=_("Cases recorded on or before this day (1900 to 2999)."),
    )
    exact = serializers.BooleanField(
        default=False, help_text=_("The words as typed: no misspelling is corrected.")
    )

    def validate(self, attrs):
        start, end = attrs.get("recorded_from"), attrs.get("recorded_to")
        if start and end and start > end:
            raise serializers.ValidationError(
                {"recorded_to": [_("The end date is before the start date.")]}
            )
        return attrs


class SimilarQuerySerializer(serializers.Serializer):
    policy = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text=_("The live policy's id.")
    )
    situation = serializers.CharField(max_length=100_000, help_text=_("The situation, in words."))


class HitSerializer(serializers.Serializer):
    """One result: a live policy or a case."""

    kind = serializers.ChoiceField(
        choices=[(POLICY, _("Policy")), (CASE, _("Case"))], help_text=_("policy or case.")
    )
    relevance = serializers.FloatField(
        help_text=_("Relative to the best of its kind; above 1 for a policy that matches well.")
    )
    policy = serializers.SerializerMethodField(help_text=_("The policy found, or null."))
    case = serializers.SerializerMethodField(help_text=_("The case found, or null."))

    @extend_schema_field(PolicyRefSerializer(allow_null=True))
    def get_policy(self, hit):
        return PolicyRefSerializer(hit.object).data if hit.kind == POLICY else None

    @extend_schema_field(CaseBriefSerializer(allow_null=True))
    def get_case(self, hit):
        return CaseBriefSerializer(hit.object).data if hit.kind == CASE else None


class SearchAnswerSerializer(serializers.Serializer):
    searched_for = serializers.CharField(
        help_text=_("The words the results are for: corrected ones when misspellings were.")
    )
    corrected = serializers.BooleanField(help_text=_("Whether misspelt words were corrected."))
    any_word = serializers.BooleanField(
        help_text=_("No result had every word; these have some of them.")
    )
    results = HitSerializer(many=True, help_text=_("The best results, at most 50."))
