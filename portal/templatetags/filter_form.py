"""`{{ filter|filters_set }}`: how many of a list's filters the reader has set."""

import django_filters
from django import template

register = template.Library()


@register.filter
def filters_set(filterset: django_filters.FilterSet) -> int:
    """The number of filters with a value; the sort order narrows nothing, so it is not one.

    The filter form stays open when this is more than none, so that a reader sees
    what narrows the list they are looking at.
    """
    count = 0
    for name, list_filter in filterset.filters.items():
        if isinstance(list_filter, django_filters.OrderingFilter):
            continue
        value = filterset.form[name].value()
        if any(value) if isinstance(value, list | tuple) else value not in (None, ""):
            count += 1
    return count
