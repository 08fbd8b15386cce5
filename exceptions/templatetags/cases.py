from django import template
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from exceptions.answer_time_words import path_sentences, within
from exceptions.answer_times import kept_answer_times
from exceptions.authority_hint import what_to_tell
from exceptions.deadlines import due_in_words
from exceptions.selectors import policy_case_summary
from policies.wording import amount_in_words, deciders_in_words, duration_in_words

register = template.Library()


@register.inclusion_tag("exceptions/includes/policy_cases.html", takes_context=True)
def policy_cases(context, policy):
    """The policy page's panel: its cases by outcome and the most recent ones, read only
    when the panel is not kept in the cache."""
    return {
        "request": context.get("request"),
        "policy": policy,
        "may": context.get("may"),
        "freshness": context.get("freshness"),
        "fragment_seconds": context.get("fragment_seconds"),
        "cases": SimpleLazyObject(lambda: policy_case_summary(policy=policy)),
    }


@register.inclusion_tag("exceptions/includes/path_answer_times.html", takes_context=True)
def path_answer_times(context, path):
    """An exception path's promised answer time against the real one, per tier it goes to.

    The ledger is read once per page, however many paths the page lists.
    """
    if "answer_times" not in context.render_context:
        context.render_context["answer_times"] = kept_answer_times()
    return {"sentences": path_sentences(path=path, ledger=context.render_context["answer_times"])}


@register.filter
def hours_as_words(hours) -> str:
    """Render a duration in hours the way people say it: "5 hours", "2 days and 3 hours"."""
    return duration_in_words(hours)


@register.simple_tag
def answer_to_tell(rules, decision, tier) -> str:
    """On the record form, once escalation is offered: what to tell the customer."""
    return what_to_tell(rules, decision=decision, tier=tier)


@register.filter
def answered_within(hours) -> str:
    """A real answer time in whole hours rounded up: "20 hours", "1 day and 1 hour"."""
    return within(hours)


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
