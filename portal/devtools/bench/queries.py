"""Count each page's database queries in-process, as the pinned query-count tests do."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass(frozen=True)
class Counted:
    status: int
    queries: int


def count_queries(pages: dict[str, tuple[str, str]], *, host: str, password: str):
    """Request each page (name -> (url, username)) once to warm caches; count the second."""
    clients = {}
    counted = {}
    for name, (url, username) in pages.items():
        if username not in clients:
            user = get_user_model().objects.filter(username=username).first()
            if user is None or not user.check_password(password):
                raise ValueError(f"Cannot sign in as {username}: was this database seeded?")
            # The login pause (django-axes) wants a real request; the password is
            # checked above, so the session is opened directly.
            clients[username] = Client(HTTP_HOST=host)
            clients[username].force_login(user)
        client = clients[username]
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        counted[name] = Counted(status=response.status_code, queries=len(queries))
    return counted
