import datetime
import threading

import pytest
import time_machine
from django.core.cache import cache
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import transaction
from django.test.testcases import LiveServerThread
from pytest_django.plugin import blocking_manager_key

from portal import roles
from portal.structure import ensure_portal_structure
from tests.policies.factories import PolicyIndexPageFactory, PolicyPageFactory
from tests.portal.factories import UserFactory


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server of the browser tests, answering one request at a time.

    On in-memory SQLite every thread of the live server shares the test's one
    database connection, so two requests at once (a page's script asking for
    similar cases while the form is sent) would end each other's transactions.
    Each request is answered whole, body included, before the next one starts.
    """

    lock = threading.Lock()

    def set_app(self, application):
        def one_at_a_time(environ, start_response):
            with self.lock:
                response = application(environ, start_response)
                try:
                    body = b"".join(response)
                finally:
                    response.close()
            return [body]

        super().set_app(one_at_a_time)


LiveServerThread.server_class = OneRequestAtATime


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as it starts with a database of its own."""
    cache.clear()


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries):
    """pytest-django's query pin, with the clock moved on to the start of the next minute.

    Figures kept until any case changes are also kept for one minute only (deadlines
    move on with time), so a pinned request that fell in the minute after its warming
    request would count them again. Starting at :00 leaves the test a whole minute.
    """
    now = datetime.datetime.now(tz=datetime.UTC)
    next_minute = now.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)
    with time_machine.travel(next_minute, tick=True):
        yield django_assert_num_queries


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker):
    """One transaction around a whole test module, rolled back at its end.

    What a module-scoped fixture writes inside it is shared by the module's tests
    (each runs in a savepoint of its own, so none sees another's changes) and is
    gone before the next module, as TestCase.setUpTestData does for a class:
    seeding takes seconds, so it is done once per module, not once per test.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


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


def commits_its_data(item) -> bool:
    """Whether a test runs outside a transaction, so the database is emptied after it."""
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    return transactional or "live_server" in item.fixturenames


SET_UP = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "setup":
        item.stash[SET_UP] = report.passed
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a test that committed its data, the database is emptied; put back what
    migrating makes (roles, home page, workflow) before the next test.

    Run one after another, such tests come last; run in parallel, any test may follow.
    A test skipped before its database was set up emptied nothing.
    """
    result = yield
    if nextitem is not None and item.stash.get(SET_UP, False) and commits_its_data(item):
        with item.config.stash[blocking_manager_key].unblock():
            ensure_portal_structure()
    return result


def tallies() -> dict:
    """What the run counts and prints at its end: hostile requests and how many the
    server failed, the lives of cases the state machine ran, and how well the search
    table was found, and the calls Schemathesis made to the API. Each tally is printed
    when something added to it."""
    from tests.exceptions.lifecycle import TALLY as LIVES
    from tests.hostile import TALLY as HOSTILE
    from tests.portal.api.schemathesis_tally import TALLY as SCHEMATHESIS
    from tests.portal.search.query_table import SCORE

    return {"hostile": HOSTILE, "lives": LIVES, "search": SCORE, "schemathesis": SCHEMATHESIS}


def pytest_sessionfinish(session):
    """On a worker of a parallel run, hand the tallies to the process that prints them."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["tallies"] = {
            name: tally.as_data() for name, tally in tallies().items()
        }


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """Add up the tallies of each worker of a parallel run (pytest-xdist) as it stops."""
    handed = getattr(node, "workeroutput", {}).get("tallies", {})
    for name, tally in tallies().items():
        if name in handed:
            tally.add(handed[name])


def pytest_terminal_summary(terminalreporter):
    for tally in tallies().values():
        if tally.counted():
            terminalreporter.write_sep("-", tally.summary())
