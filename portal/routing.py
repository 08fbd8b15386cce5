"""Routing a request down the page tree with one query per level."""

from django.http import Http404


class RoutesToItsChildType:
    """A page whose children are all of one type reads the child a request asks for as
    that type at once.

    Wagtail's Page.route reads the child as a plain page, then again as its specific
    type: two queries per level of the tree on every page view. Wagtail lets a page
    route its own requests (Page.route); this one asks for its only subpage type by
    slug, and hands the rest of the path to that child as Wagtail would.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)  # type: ignore[misc]
        (child_type,) = type(self).clean_subpage_models()  # type: ignore[attr-defined]
        try:
            child = child_type.objects.child_of(self).get(slug=path_components[0])
        except child_type.DoesNotExist as missing:
            raise Http404 from missing
        # treebeard's get_parent() reads this instead of asking the database again.
        child._cached_parent_obj = self
        return child.route(request, path_components[1:])
