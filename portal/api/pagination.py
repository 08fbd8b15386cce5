from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination

DESCRIBED = {
    "count": _("How many there are in all, over every page."),
    "next": _("The address of the next page, or null on the last."),
    "previous": _("The address of the page before, or null on the first."),
    "results": _("This page's items, at most 25."),
}


class NumberedPages(PageNumberPagination):
    """Lists come 25 at a time, `?page=2` for the next."""

    page_size = 25

    def get_paginated_response_schema(self, schema):
        described = super().get_paginated_response_schema(schema)
        for name, text in DESCRIBED.items():
            described["properties"][name]["description"] = str(text)
        return described
