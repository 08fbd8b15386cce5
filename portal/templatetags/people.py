"""`{{ user|person }}`: a person's name as every page writes it (see portal.people)."""

from django import template

from portal.people import display_name

register = template.Library()


@register.filter
def person(user) -> str:
    """The person's display name, or "" so a `default` can say who is missing."""
    return display_name(user)
