"""The one shape of every answer that is not a success (see portal.api.errors)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .cases import CaseSerializer
from .common import TierNeededSerializer


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text=_("The HTTP status, repeated."))
    code = serializers.CharField(
        help_text=_(
            "invalid, not_authenticated, authentication_failed, permission_denied, "
            "needs_escalation, refused, not_found, conflict, throttled, ..."
        )
    )
    message = serializers.CharField(help_text=_("What went wrong, in words to show."))
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("With 400: each field's messages, by field name."),
    )
    tier_needed = TierNeededSerializer(
        allow_null=True, help_text=_("With 403: the tier that may take this action, if any.")
    )
    current = CaseSerializer(allow_null=True, help_text=_("With 409: the case as it stands now."))
