"""Set the time that records made in a test carry."""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone


def local_time(*args: int) -> datetime.datetime:
    """Return a moment in the portal's time zone, such as local_time(2025, 3, 1, 23, 30)."""
    return datetime.datetime(*args, tzinfo=timezone.get_current_timezone())


@contextmanager
def clock_at(moment: datetime.datetime) -> Iterator[None]:
    """Make timezone.now() return `moment`, so everything saved inside is stamped with it."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield
