"""Cases as the API shows them."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from exceptions import permissions
from exceptions.choices import Channel, Decision, FollowUpResult, Outcome, Request, Standing
from policies.choices import Tier
from policies.models import PolicyPage
from portal.people import display_name

from .common import PolicyRefSerializer, amount_field


class CasePathSerializer(serializers.Serializer):
    """The exception path as it stood when the case was recorded."""

    name = serializers.CharField(source="path_name", help_text=_("The path's name then."))
    tier = serializers.ChoiceField(
        source="path_tier", choices=Tier.choices, help_text=_("Who could grant it.")
    )
    limit_amount = amount_field(
        _("The path's limit then, or null when it had none."),
        source="path_limit_amount",
        allow_null=True,
    )
    limit_unit = serializers.CharField(
        source="path_limit_unit", help_text=_("What the limit counts, e.g. EUR or days.")
    )


class CaseAbilitiesSerializer(serializers.Serializer):
    """What the caller may do to the case now, as the case page offers it."""

    decide = serializers.BooleanField(help_text=_("May decide this escalation."))
    follow_up = serializers.BooleanField(help_text=_("May record its follow-up."))
    withdraw = serializers.BooleanField(help_text=_("May withdraw it."))


class CaseSerializer(serializers.Serializer):
    """A precedent case: what happened, under which policy and path, decided by whom."""

    id = serializers.IntegerField(help_text=_("The case's id."))
    page_url = serializers.SerializerMethodField(help_text=_("The case's page in the portal."))
    policy = PolicyRefSerializer(help_text=_("The policy the case falls under."))
    path = serializers.SerializerMethodField(
        help_text=_("The exception path used, as it stood then; null for none.")
    )
    situation = serializers.CharField(help_text=_("What the customer needed, and why."))
    amount = amount_field(_("The amount or quantity asked, in the path's unit."), allow_null=True)
    requested_outcome = serializers.CharField(
        help_text=_("What the recorder asked for: granted, granted_outside or upheld.")
    )
    outcome = serializers.ChoiceField(
        choices=Outcome.choices, help_text=_("What the case came to so far.")
    )
    rationale = serializers.CharField(help_text=_("Why the recorder decided or asked so."))
    channel = serializers.ChoiceField(choices=Channel.choices, help_text=_("Where it came in."))
    tags = serializers.SerializerMethodField(help_text=_("The case's tags."))
    recorded_by = serializers.SerializerMethodField(help_text=_("Who recorded it."))
    recorded_at = serializers.DateTimeField(help_text=_("When it was recorded."))
    escalated_to_tier = serializers.ChoiceField(
        choices=Tier.choices, allow_null=True, help_text=_("The tier it went to, or null.")
    )
    escalated_at = serializers.DateTimeField(allow_null=True, help_text=_("When it was escalated."))
    decided_by = serializers.SerializerMethodField(
        help_text=_("Who decided it; empty while it waits.")
    )
    decided_at = serializers.DateTimeField(allow_null=True, help_text=_("When it was decided."))
    decision_rationale = serializers.CharField(help_text=_("Why the decider decided so."))
    granted_amount = amount_field(
        _("Less than asked, when the decider granted less; else null."), allow_null=True
    )
    awaiting_answer = serializers.BooleanField(
        source="is_awaiting_answer",
        help_text=_("A decider asked the recorder a question that waits for its answer."),
    )
    follow_up_due = serializers.DateField(
        allow_null=True, help_text=_("When its follow-up is due.")
    )
    follow_up_result = serializers.CharField(
        help_text=_("How it ended: resolved, came_back, complaint, churned, other; or empty.")
    )
    follow_up_notes = serializers.CharField(help_text=_("Notes on how it ended."))
    standing = serializers.ChoiceField(
        choices=Standing.choices, help_text=_("Whether it still counts as precedent.")
    )
    withdrawn_reason = serializers.CharField(help_text=_("Why it was withdrawn, if it was."))
    change_count = serializers.IntegerField(
        help_text=_(
            "How many times the case changed. Send it back with a change: a change based "
            "on an older count is refused with 409."
        )
    )
    may = serializers.SerializerMethodField(help_text=_("What the caller may do to it now."))

    def get_page_url(self, case) -> str:
        return reverse("exceptions:detail", args=[case.pk])

    @extend_schema_field(CasePathSerializer(allow_null=True))
    def get_path(self, case):
        if case.path_tier is None:
            return None
        return CasePathSerializer(case).data

    def get_tags(self, case) -> list[str]:
        return sorted(item.tag.name for item in case.tagged_items.all())

    def get_recorded_by(self, case) -> str:
        return display_name(case.recorded_by)

    def get_decided_by(self, case) -> str:
        return display_name(case.decided_by)

    @extend_schema_field(CaseAbilitiesSerializer)
    def get_may(self, case):
        user = self.context["request"].user
        return {
            "decide": permissions.may_decide(user, case),
            "follow_up": permissions.may_follow_up(user, case),
            "withdraw": permissions.may_withdraw(user, case),
        }


class CaseBriefSerializer(serializers.Serializer):
    """A case in a list of cases found elsewhere: enough to tell it and open it."""

    id = serializers.IntegerField(help_text=_("The case's id."))
    situation = serializers.CharField(help_text=_("What the customer needed, and why."))
    outcome = serializers.ChoiceField(choices=Outcome.choices, help_text=_("What it came to."))
    standing = serializers.ChoiceField(
        choices=Standing.choices, help_text=_("Whether it still counts as precedent.")
    )
    recorded_at = serializers.DateTimeField(help_text=_("When it was recorded."))


CHANGE_COUNT_HELP = _(
    "The case's change_count as the client last read it; a change based on an older "
    "count is refused with 409 and the case as it stands."
)


class ChangeCountField(serializers.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2**31 - 1, help_text=CHANGE_COUNT_HELP, **kwargs)


TEXT_MAX_LENGTH = 5000


class RecordCaseSerializer(serializers.Serializer):
    """A case to record under a live policy, decided on the spot or escalated."""

    policy = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, help_text=_("The live policy's id.")
    )
    path = serializers.IntegerField(
        min_value=1,
        max_value=2**63 - 1,
        allow_null=True,
        required=False,
        default=None,
        help_text=_("The id of one of the policy's exception paths, when granting within one."),
    )
    requested = serializers.ChoiceField(
        choices=Request.choices,
        help_text=_(
            "granted (within `path`), granted_outside (outside every path: leadership "
            "only) or upheld (the rule, as anyone may)."
        ),
    )
    amount = amount_field(
        _("The amount or quantity asked, in the path's unit, when the path has a limit."),
        min_value=0,
        allow_null=True,
        required=False,
        default=None,
    )
    situation = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, help_text=_("What the customer needed, and why.")
    )
    rationale = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, help_text=_("Why this decision, or why ask for it.")
    )
    channel = serializers.ChoiceField(choices=Channel.choices, help_text=_("Where it came in."))
    tags = serializers.ListField(
        child=serializers.CharField(max_length=50),
        max_length=20,
        required=False,
        default=list,
        help_text=_("Tags, each up to 50 characters."),
    )
    escalate = serializers.BooleanField(
        default=False,
        help_text=_(
            "Send the case to the tier that may decide it. Without it, a case beyond the "
            "caller's authority is refused with 403 and the tier needed."
        ),
    )
    submission_token = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_(
            "A UUID the client makes per case: sent again (a retry), it answers 200 with "
            "the case it recorded the first time, and records nothing twice."
        ),
    )

    def validate_policy(self, value: int) -> PolicyPage:
        # By the page's own id, as the record form looks policies up.
        policy = PolicyPage.objects.live().filter(id=value).first()
        if policy is None:
            raise serializers.ValidationError(_("No live policy has this id."))
        return policy

    def validate(self, attrs):
        """The path, when given, as one of the policy's exception paths (a firm one has none)."""
        policy, path_id = attrs["policy"], attrs["path"]
        if path_id is not None:
            paths = [] if policy.is_firm else policy.exception_paths.filter(pk=path_id)
            attrs["path"] = next(iter(paths), None)
            if attrs["path"] is None:
                raise serializers.ValidationError(
                    {"path": [_("Choose one of this policy's exception paths.")]}
                )
        return attrs


class DecideSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=Decision.choices,
        help_text=_("grant or uphold."),
    )
    rationale = serializers.CharField(max_length=TEXT_MAX_LENGTH, help_text=_("Why."))
    granted_amount = amount_field(
        _("Grant less than asked: more than nothing, less than the amount asked."),
        allow_null=True,
        required=False,
        default=None,
    )
    change_count = ChangeCountField()


class FollowUpSerializer(serializers.Serializer):
    result = serializers.ChoiceField(
        choices=FollowUpResult.choices, help_text=_("What happened next.")
    )
    notes = serializers.CharField(
        max_length=TEXT_MAX_LENGTH,
        required=False,
        default="",
        allow_blank=True,
        help_text=_("Notes."),
    )
    change_count = ChangeCountField()


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text=_("Why the case is withdrawn."))
    change_count = ChangeCountField()
