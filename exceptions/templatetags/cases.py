from django import template

from exceptions.selectors import policy_case_summary

register = template.Library()


@register.inclusion_tag("exceptions/includes/policy_cases.html", takes_context=True)
def policy_cases(context, policy):
    """The policy page's panel: its cases by outcome and the most recent ones."""
    return {"policy": policy, "perms": context.get("perms"), **policy_case_summary(policy=policy)}


@register.filter
def hours_as_words(hours) -> str:
    """Render a duration in hours the way people say it: "5 h", "2 d 3 h"."""
    hours = int(round(float(hours)))
    days, rest = divmod(hours, 24)
    if days and rest:
        return f"{days} d {rest} h"
    if days:
        return f"{days} d"
    return f"{rest} h"
