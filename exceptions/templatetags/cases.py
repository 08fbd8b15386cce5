from django import template
from django.utils import timezone

from exceptions.deadlines import due_in_words
from exceptions.selectors import policy_case_summary
from policies.wording import amount_in_words, deciders_in_words, duration_in_words

register = template.Library()


@register.inclusion_tag("exceptions/includes/policy_cases.html", takes_context=True)
def policy_cases(context, policy):
    """The policy page's panel: its cases by outcome and the most recent ones."""
    return {"policy": policy, "may": context.get("may"), **policy_case_summary(policy=policy)}


@register.filter
def hours_as_words(hours) -> str:
    """Render a duration in hours the way people say it: "5 hours", "2 days and 3 hours"."""
    return duration_in_words(hours)


@register.filter
def due_from_now(due) -> str:
    """When a case is due, from now: "due today 16:00", "overdue by 5 hours"."""
    return due_in_words(due, timezone.now())


@register.filter
def deciders(tier) -> str:
    """Who decides at a tier: "a supervisor", "leadership"."""
    return deciders_in_words(tier)


@register.filter
def with_unit(amount, unit) -> str:
    """An amount with its unit, as people write it: "150 EUR", "1 day"."""
    return amount_in_words(amount, unit)
