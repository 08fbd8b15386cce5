from rest_framework.pagination import PageNumberPagination


class NumberedPages(PageNumberPagination):
    """Lists come 25 at a time, `?page=2` for the next."""

    page_size = 25
