"""The database itself backs the rules of a case record: exceptions.Precedent's
constraints, and the triggers of exceptions migration 0007."""

import io
from importlib import import_module

import pytest
from django.apps import apps
from django.db import IntegrityError, connection, transaction

from exceptions.choices import Outcome, Standing
from exceptions.models import Precedent
from policies.choices import Flexibility
from tests.exceptions.factories import record_case, withdraw
from tests.policies.factories import PolicyPageFactory, publish_version

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"amount": -1}, id="a negative amount"),
        pytest.param({"decided_by": None}, id="a decision without a decider"),
        pytest.param({"decided_at": None}, id="a decision without its time"),
        pytest.param(
            {"outcome": Outcome.ESCALATED, "escalated_at": None},
            id="an escalation without its time",
        ),
    ],
)
def test_the_database_refuses_a_case_that_breaks_its_rules(policy, staff, change):
    case = record_case(policy, staff, path_name="Late return", amount="5")

    with pytest.raises(IntegrityError), transaction.atomic():
        Precedent.objects.filter(pk=case.pk).update(**change)

    case.refresh_from_db()
    assert (case.amount, case.outcome, case.decided_by) == (5, Outcome.GRANTED_WITHIN_PATH, staff)


@pytest.fixture
def firm(area, owner, leader):
    return PolicyPageFactory(
        area=area, owner=owner, approver=leader, flexibility=Flexibility.FIRM, paths=[]
    )


@pytest.mark.parametrize("outcome", [Outcome.GRANTED_WITHIN_PATH, Outcome.GRANTED_OUTSIDE_PATH])
def test_the_database_refuses_granting_a_case_under_a_firm_version(firm, staff, outcome):
    upheld = record_case(firm, staff, granted=False)
    granted = Precedent.objects.get(pk=upheld.pk)
    granted.pk, granted.outcome, granted.submission_token = None, outcome, None

    with pytest.raises(IntegrityError), transaction.atomic():
        Precedent.objects.filter(pk=upheld.pk).update(outcome=outcome)
    with pytest.raises(IntegrityError), transaction.atomic():
        granted.save()

    assert list(Precedent.objects.values_list("outcome", flat=True)) == [Outcome.UPHELD]


def test_a_case_granted_before_its_rule_became_firm_stays_and_can_be_withdrawn(
    policy, staff, leader
):
    case = record_case(policy, staff, path_name="Late return", amount="5")
    publish_version(policy, approver=leader, flexibility=Flexibility.FIRM, paths=[])

    withdraw(case, staff, "No longer counts.")

    case.refresh_from_db()
    assert (case.outcome, case.standing) == (Outcome.GRANTED_WITHIN_PATH, Standing.WITHDRAWN)


def test_upgrading_names_the_cases_already_granted_under_a_firm_version(firm, staff):
    case = record_case(firm, staff, granted=False)
    with connection.cursor() as cursor:
        for trigger in ("insert", "update"):
            cursor.execute(
                f"DROP TRIGGER exceptions_precedent_firm_rule_never_granted_{trigger}"
                + (" ON exceptions_precedent" if connection.vendor == "postgresql" else "")
            )
        Precedent.objects.filter(pk=case.pk).update(outcome=Outcome.GRANTED_OUTSIDE_PATH)
    firm_rule_migration = import_module("exceptions.migrations.0007_firm_rules_are_never_granted")
    out = io.StringIO()

    firm_rule_migration.report_firm_rule_violations(apps, None, out=out)

    assert f"1 case(s) were granted under a firm version of their policy: #{case.pk}." in (
        out.getvalue()
    )
    assert Precedent.objects.get().outcome == Outcome.GRANTED_OUTSIDE_PATH
