"""The database itself backs the rules of a case record (exceptions.Precedent's constraints)."""

import pytest
from django.db import IntegrityError, transaction

from exceptions.choices import Outcome
from exceptions.models import Precedent
from tests.exceptions.factories import record_case

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
