"""The policies and recorders the case list's filters offer, a few at a time, as a user types.

A large company has thousands of policies and hundreds of people who record
cases: the case list never writes them all out. Its policy and recorder fields
validate the chosen id against the querysets here, and ask for the few records
whose names match the words typed so far.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from policies.models import PolicyPage
from portal.roles import people_with

from .permissions import RECORD_CASES

# Enough to pick from while typing; more words narrow the list further.
OPTIONS_LIMIT = 20
# Typed text past this length, and words past this count, narrow nothing further.
TYPED_MAX_LENGTH = 100
TYPED_MAX_WORDS = 5


def typed_text(text: object) -> str:
    """What a user typed, as plain searchable text: no NUL byte (PostgreSQL refuses it), trimmed."""
    return str(text).replace("\x00", "")[:TYPED_MAX_LENGTH].strip()


def _words(text: str) -> list[str]:
    return typed_text(text).split()[:TYPED_MAX_WORDS]


def filter_policies() -> QuerySet:
    """The policies a case list can be narrowed to: every published one."""
    return PolicyPage.objects.live().only("pk", "title")


def filter_recorders() -> QuerySet:
    """The people a case list can be narrowed to: everyone who may record a case."""
    return get_user_model().objects.filter(pk__in=people_with(RECORD_CASES))


def recorder_label(person) -> str:
    """A recorder's name as the filter shows it; the username tells apart two people of one name."""
    full_name = person.get_full_name()
    username = person.get_username()
    return f"{full_name} ({username})" if full_name else username


def matching_policies(*, query: str, limit: int = OPTIONS_LIMIT) -> list[tuple[int, str]]:
    """Published policies whose title holds every typed word, as (id, title) by title."""
    words = _words(query)
    if not words:
        return []
    policies = filter_policies()
    for word in words:
        policies = policies.filter(title__icontains=word)
    return list(policies.order_by("title", "pk").values_list("pk", "title")[:limit])


def matching_recorders(*, query: str, limit: int = OPTIONS_LIMIT) -> list[tuple[int, str]]:
    """Recorders whose first name, last name or username holds each typed word, by name."""
    words = _words(query)
    if not words:
        return []
    people = filter_recorders()
    for word in words:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
        )
    found = people.order_by("first_name", "last_name", "username").only(
        "pk", "first_name", "last_name", "username"
    )[:limit]
    return [(person.pk, recorder_label(person)) for person in found]
