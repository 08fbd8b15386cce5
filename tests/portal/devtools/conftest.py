import pytest
from django.db import transaction


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
