import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from wagtail.models import Revision

from policies.choices import ChangeKind, Tier
from policies.models import ExceptionPath, RevisionNote, add_months
from tests.policies.factories import publish_version


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 15), 12, datetime.date(2027, 1, 15)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 11, 30), 3, datetime.date(2027, 2, 28)),
        (datetime.date(2027, 12, 1), 1, datetime.date(2028, 1, 1)),
    ],
)
def test_add_months_clamps_to_the_end_of_shorter_months(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [(Decimal("50.00"), "EUR", "50 EUR"), (Decimal("12.50"), "EUR", "12.5 EUR"), (None, "", "")],
)
def test_limit_reads_as_plain_words(amount, unit, expected):
    assert ExceptionPath(limit_amount=amount, limit_unit=unit).limit_display == expected


@pytest.mark.parametrize(
    ("hours", "expected"),
    [(0, "on the spot"), (1, "within 1 hour"), (8, "within 8 hours"), (48, "within 2 days")],
)
def test_decision_time_reads_as_plain_words(hours, expected):
    assert ExceptionPath(decision_hours=hours).decision_time_display == expected


def test_a_limit_without_its_unit_is_refused():
    path = ExceptionPath(
        name="Refund",
        authority=Tier.STAFF,
        limit_amount=Decimal("50"),
        conditions="Always.",
        record="Nothing.",
    )

    with pytest.raises(ValidationError) as error:
        path.clean()

    assert "limit_unit" in error.value.message_dict


@pytest.mark.django_db
def test_purge_revisions_keeps_every_noted_revision_and_the_live_one(owner, leader, policy):
    first = policy.live_revision
    live = publish_version(policy, approver=leader, summary="Late returns up to 21 days.")
    policy.refresh_from_db()
    unnoted_draft = policy.save_revision(user=owner)
    policy.pending_revision_note = {"summary": "Draft for review.", "kind": ChangeKind.EDITORIAL}
    latest_draft = policy.save_revision(user=owner)
    output = io.StringIO()

    call_command("purge_revisions", stdout=output)

    remaining = set(Revision.objects.filter(object_id=str(policy.pk)))
    assert remaining == {first, live, latest_draft}
    assert unnoted_draft not in remaining
    assert RevisionNote.objects.filter(revision__in=[first, live]).count() == 2
    policy.refresh_from_db()
    assert policy.live_revision == live
    assert "Ignored 2 revisions because one or more protected relations exist" in output.getvalue()
