import pytest
from django.core.cache import cache

from portal import roles
from tests.policies.factories import PolicyIndexPageFactory, PolicyPageFactory
from tests.portal.factories import UserFactory


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as it starts with a database of its own."""
    cache.clear()


@pytest.fixture
def staff(db):
    return UserFactory(username="staff", role=roles.STAFF)


@pytest.fixture
def supervisor(db):
    return UserFactory(username="supervisor", role=roles.SUPERVISORS)


@pytest.fixture
def owner(db):
    return UserFactory(username="owner", role=roles.POLICY_OWNERS)


@pytest.fixture
def leader(db):
    return UserFactory(username="leader", role=roles.LEADERSHIP)


@pytest.fixture
def outsider(db):
    """Logged in, but in none of the portal's groups."""
    return UserFactory(username="outsider")


@pytest.fixture
def area(db):
    return PolicyIndexPageFactory(title="Refunds and returns", slug="refunds-and-returns")


@pytest.fixture
def policy(area, owner, leader):
    return PolicyPageFactory(
        area=area, owner=owner, approver=leader, title="Returns within 30 days"
    )


def pytest_terminal_summary(terminalreporter):
    """Say how many hostile requests the run sent and how many the server failed."""
    from tests.hostile import TALLY

    if TALLY.requests:
        terminalreporter.write_sep("-", TALLY.summary())
