"""How the evidence pages write amounts, tiers and bands."""

from django import template
from django.utils.translation import gettext as _

from policies.choices import Tier
from policies.wording import amount_in_words

register = template.Library()


@register.filter
def amount(value, unit: str = "") -> str:
    """An amount as people say it, with its unit: "18 days"; "—" for none."""
    return amount_in_words(value, unit) or "—"


@register.filter
def tier_label(value) -> str:
    return str(Tier(value).label)


@register.filter
def band(item, unit: str = "") -> str:
    """A band of amounts in words: "over 14 up to 16 days", or "over 30 days" when open."""
    if item.high is None:
        return _("over %(low)s") % {"low": amount_in_words(item.low, unit)}
    return _("over %(low)s up to %(high)s") % {
        "low": amount_in_words(item.low),
        "high": amount_in_words(item.high, unit),
    }
