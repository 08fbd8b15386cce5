"""The portal's lists: filtered as the request asks, shown a page at a time.

Links between pages and to a list's export keep the request's other filters
through Django's `{% querystring %}`; views hand templates only the page.
"""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import SimpleLazyObject


def filtered(filterset) -> QuerySet:
    """The rows `filterset` lets through, or none while its filters are invalid.

    Invalid filters show their messages beside the fields; listing every row
    instead would answer a question nobody asked.
    """
    return filterset.qs if filterset.is_valid() else filterset.queryset.none()


def page_of(request, rows, *, per_page: int) -> Page:
    """The page of `rows` the request's `page` parameter names; the last past the end."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


def lazy_page_of(request, filterset, *, per_page: int) -> SimpleLazyObject:
    """The page of `filterset`'s rows, read only when a template first uses it: a list
    kept in the cache (`{% wagtailcache %}` keyed by `listing_key`) runs no query."""
    return SimpleLazyObject(lambda: page_of(request, filtered(filterset), per_page=per_page))


def listing_key(request, *, personal: tuple[str, ...] = ()) -> str:
    """What a cached list shows depends on: the request's filters and page as sent, and
    the reader too when one of the `personal` filters (such as "my cases") is set."""
    reader = request.user.pk if any(request.GET.get(name) for name in personal) else ""
    return f"{request.GET.urlencode()}|{reader}"
