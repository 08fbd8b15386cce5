"""Each version that goes live, and only once it is live, sets the version to sign and may
restart the review clock."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from policies.choices import ChangeKind
from policies.models import PolicyPage
from tests.clock import clock_at, local_time
from tests.policies.factories import PolicyPageFactory, publish_version
from tests.policies.signing import version_to_sign

pytestmark = pytest.mark.django_db


def test_the_version_to_sign_is_the_latest_substantive_one_to_go_live(policy, leader):
    first = version_to_sign(policy)
    editorial = publish_version(policy, approver=leader, kind=ChangeKind.EDITORIAL)
    after_editorial = version_to_sign(policy)
    substantive = publish_version(policy, approver=leader, kind=ChangeKind.SUBSTANTIVE)

    assert first == PolicyPage.objects.get(pk=policy.pk).revisions.order_by("pk").first().pk
    assert after_editorial == first != editorial.pk
    assert version_to_sign(policy) == substantive.pk


def test_a_version_scheduled_for_later_is_signed_only_once_it_is_live(policy, owner):
    current = version_to_sign(policy)
    later = PolicyPage.objects.get(pk=policy.pk)
    later.go_live_at = timezone.now() + datetime.timedelta(days=7)
    later.pending_revision_note = {"summary": "Scheduled change.", "kind": ChangeKind.SUBSTANTIVE}
    revision = later.save_revision(user=owner)

    revision.publish()
    scheduled = version_to_sign(policy)
    with clock_at(timezone.now() + datetime.timedelta(days=8)):
        call_command("publish_scheduled", stdout=io.StringIO())

    assert scheduled == current
    assert version_to_sign(policy) == revision.pk


def test_the_first_version_to_go_live_starts_the_review_clock(area, owner, leader):
    with clock_at(local_time(2026, 1, 15, 10, 0)):
        policy = PolicyPageFactory(area=area, owner=owner, approver=leader)

    assert policy.next_review_due == datetime.date(2027, 1, 15)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (ChangeKind.SUBSTANTIVE, datetime.date(2026, 12, 1)),  # six months from the new version
        (ChangeKind.EDITORIAL, datetime.date(2026, 7, 15)),  # the clock keeps running
    ],
)
def test_a_substantive_version_restarts_the_review_clock_an_editorial_one_does_not(
    area, owner, leader, kind, expected
):
    with clock_at(local_time(2026, 1, 15, 10, 0)):
        policy = PolicyPageFactory(area=area, owner=owner, approver=leader, review_every_months=6)
    with clock_at(local_time(2026, 6, 1, 10, 0)):
        publish_version(policy, approver=leader, kind=kind, summary="A change.")

    assert PolicyPage.objects.get(pk=policy.pk).next_review_due == expected


def test_a_scheduled_version_restarts_the_clock_on_the_day_it_goes_live(policy, owner, leader):
    go_live = local_time(2027, 3, 10, 0, 0)
    before = policy.next_review_due
    with clock_at(local_time(2026, 12, 20, 10, 0)):
        publish_version(policy, approver=leader, summary="From March.", go_live_at=go_live)
    scheduled = PolicyPage.objects.get(pk=policy.pk).next_review_due
    with clock_at(local_time(2027, 3, 10, 6, 0)):
        call_command("send_review_reminders", stdout=io.StringIO())

    assert scheduled == before
    assert PolicyPage.objects.get(pk=policy.pk).next_review_due == datetime.date(2028, 3, 10)
