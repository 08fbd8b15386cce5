"""Serving a page with as few queries as Wagtail allows: the request's site and the pages
a path leads to kept in the cache until the page tree changes, and view restrictions read
only where some exist.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from wagtail.models import PageViewRestriction, Site

from . import freshness


def _tree_version() -> str:
    return freshness.versions_of(freshness.POLICIES)[freshness.POLICIES]


class KeptSiteMiddleware:
    """Hand Wagtail the request's site, with its root page, from the cache.

    Wagtail looks a request's site up with a query on every request and keeps it on the
    request (Site.find_for_request); serving a page then reads the site's root page as a
    plain page and again as its own type. Both are kept per host and port until a site or
    a page changes (portal.freshness), so the next request on any server finds the new one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        """Once the request is let through (after LoginRequiredMiddleware), before its view."""
        key = f"site:{request.get_host()}:{request.get_port()}:{_tree_version()}"
        request._wagtail_site = cache.get_or_set(
            key, lambda: self.site_with_root_page(request), settings.PORTAL_FRAGMENT_SECONDS
        )

    @staticmethod
    def site_with_root_page(request) -> Site | None:
        site = Site.find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site


class ChecksKeptViewRestrictions:
    """A page whose view restrictions, and its ancestors', are looked up in the database only
    when there are some.

    Wagtail asks for them on every view of a page (an on_serve_page hook): two queries,
    for restrictions most pages never have. Which restrictions apply is kept until the
    page tree or a restriction changes (portal.freshness); the restrictions themselves
    are still read, and checked by Wagtail, whenever there are any.
    """

    def get_view_restrictions(self):
        key = f"view-restrictions:{self.path}:{_tree_version()}"  # type: ignore[attr-defined]
        ids = cache.get(key)
        if ids is None:
            ids = list(super().get_view_restrictions().values_list("pk", flat=True))  # type: ignore[misc]
            cache.set(key, ids, settings.PORTAL_FRAGMENT_SECONDS)
        if not ids:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=ids)


class RoutesToItsChildType:
    """A page whose children are all of one type reads the child a request asks for as
    that type at once.

    Wagtail's Page.route reads the child as a plain page, then again as its specific
    type: two queries per level of the tree on every page view. Wagtail lets a page
    route its own requests (Page.route); this one asks for its only subpage type by
    slug, and hands the rest of the path to that child as Wagtail would. The child found
    is kept until the page tree changes (portal.freshness): every save, publish, move or
    deletion of a page renews it, so the next request on any server routes afresh.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)  # type: ignore[misc]
        slug = path_components[0]
        key = f"route:{self.pk}:{slug}:{_tree_version()}"  # type: ignore[attr-defined]
        child = cache.get_or_set(
            key, lambda: self._child_by_slug(slug), settings.PORTAL_FRAGMENT_SECONDS
        )
        if child is None:
            raise Http404
        # treebeard's get_parent() reads this instead of asking the database again.
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])

    def _child_by_slug(self, slug: str):
        """The child page at `slug`, or None; kept until the page tree changes."""
        (child_type,) = type(self).clean_subpage_models()  # type: ignore[attr-defined]
        return child_type.objects.child_of(self).filter(slug=slug).first()


class HasTrail:
    """A page that names the pages above it, below the tree's root, for its breadcrumbs."""

    @property
    def trail(self) -> list:
        """The pages above this one, top first. A page found by routing knows its parents
        already (RoutesToItsChildType), so this reads none of them again; another (a
        version rebuilt from its revision, say) reads them in one query."""
        trail = []
        page = self
        while page.depth > 2:  # type: ignore[attr-defined]
            if not hasattr(page, "_cached_parent_obj"):
                return list(self.get_ancestors().filter(depth__gt=1))  # type: ignore[attr-defined]
            page = page.get_parent()  # type: ignore[attr-defined]
            trail.append(page)
        return trail[::-1]
