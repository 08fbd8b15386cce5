"""Count each page's database queries in-process, as the pinned query-count tests do."""

from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass(frozen=True)
class Counted:
    status: int
    queries: int


def count_queries(urls: dict[str, str], *, host: str, username: str, password: str):
    """Sign in, request each page once to warm caches, then count its second request."""
    client = Client(HTTP_HOST=host)
    if not client.login(username=username, password=password):
        raise ValueError(f"Cannot sign in as {username}: was this database seeded by seed_scale?")
    counted = {}
    for name, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counted[name] = Counted(status=response.status_code, queries=len(queries))
    return counted
