"""The portal's lists: filtered as the request asks, shown a page at a time.

Links between pages and to a list's export keep the request's other filters
through Django's `{% querystring %}`; views hand templates only the page.
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet


def filtered(filterset) -> QuerySet:
    """The rows `filterset` lets through, or none while its filters are invalid.

    Invalid filters show their messages beside the fields; listing every row
    instead would answer a question nobody asked.
    """
    return filterset.qs if filterset.is_valid() else filterset.queryset.none()


def page_of(request, rows, *, per_page: int) -> Page:
    """The page of `rows` the request's `page` parameter names; the last past the end."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))
