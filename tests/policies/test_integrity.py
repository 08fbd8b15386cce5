"""The database itself refuses exception paths under a firm policy (policies migration 0004)."""

import pytest
from django.db import IntegrityError, connection, transaction

from policies.choices import Flexibility, Tier
from policies.models import ExceptionPath, PolicyPage
from tests.policies.factories import PolicyPageFactory, publish_version

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm_policy(area, owner, leader):
    return PolicyPageFactory(
        area=area, owner=owner, approver=leader, flexibility=Flexibility.FIRM, paths=[]
    )


def checked_now():
    """Run the checks PostgreSQL defers to the commit, which a test never reaches."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def committed(change) -> None:
    """Make `change` in a transaction of its own, with deferred checks run as at its commit."""
    with transaction.atomic():
        change()
        checked_now()


def a_path(policy) -> ExceptionPath:
    return ExceptionPath(
        page=policy,
        name="Goodwill",
        authority=Tier.STAFF,
        conditions="Any.",
        record="Why.",
    )


def test_a_path_cannot_be_added_under_a_firm_policy(firm_policy):
    with pytest.raises(IntegrityError):
        committed(a_path(firm_policy).save)

    assert not ExceptionPath.objects.filter(page=firm_policy).exists()


def test_a_path_cannot_be_moved_under_a_firm_policy(firm_policy, policy):
    path = policy.exception_paths.first()

    with pytest.raises(IntegrityError):
        committed(lambda: ExceptionPath.objects.filter(pk=path.pk).update(page=firm_policy))

    assert ExceptionPath.objects.get(pk=path.pk).page_id == policy.pk


def test_a_flexible_policy_keeps_its_paths(policy):
    a_path(policy).save()
    checked_now()

    assert policy.exception_paths.count() == 3


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite cannot defer a trigger to the commit; CI checks this in its PostgreSQL pass",
)
def test_a_policy_with_paths_cannot_be_made_firm_in_the_database(policy):
    with pytest.raises(IntegrityError):
        committed(
            lambda: PolicyPage.objects.filter(pk=policy.pk).update(flexibility=Flexibility.FIRM)
        )

    assert PolicyPage.objects.get(pk=policy.pk).flexibility == Flexibility.FLEXIBLE


def test_a_policy_made_firm_and_stripped_of_its_paths_in_one_publish_is_accepted(policy, leader):
    publish_version(policy, approver=leader, flexibility=Flexibility.FIRM, paths=[])
    checked_now()

    policy = PolicyPage.objects.get(pk=policy.pk)
    assert policy.flexibility == Flexibility.FIRM
    assert not policy.exception_paths.exists()
