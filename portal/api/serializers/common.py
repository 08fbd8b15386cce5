"""Small shapes every resource shares."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from policies.choices import Tier

TIER_HELP = _("1 staff, 2 supervisor, 3 leadership.")


class TierNeededSerializer(serializers.Serializer):
    tier = serializers.ChoiceField(choices=Tier.choices, help_text=TIER_HELP)
    label = serializers.CharField(help_text=_("The tier in words."))


class PolicyRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The policy's id."))
    title = serializers.CharField(help_text=_("The policy's title as published."))


def amount_field(help_text, **kwargs) -> serializers.DecimalField:
    """An amount or limit as a JSON number with up to two decimals, in its path's unit."""
    return serializers.DecimalField(
        max_digits=12, decimal_places=2, coerce_to_string=False, help_text=help_text, **kwargs
    )
