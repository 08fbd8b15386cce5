"""Review cycles: which reviews are due, and "reviewed, still valid" without a new version."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from policies.choices import ChangeKind
from policies.models import PolicyPage, add_months
from policies.reviews import REVIEWED_ACTION, may_review, record_review, reviews_due
from policies.services import approve_policy_revision, submit_policy_revision
from tests.clock import clock_at, local_time
from tests.policies.factories import PolicyPageFactory, publish_version
from tests.portal.factories import UserFactory
from tests.reading import words_on

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def set_due(policy, day):
    PolicyPage.objects.filter(pk=policy.pk).update(next_review_due=day)


def test_reviews_due_lists_the_owners_policies_due_soon_with_overdue_marked(
    policy, area, owner, leader
):
    soon = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Due soon")
    later = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Due later")
    someone_elses = PolicyPageFactory(area=area, approver=leader, title="Not mine")
    set_due(policy, TODAY - datetime.timedelta(days=3))
    set_due(soon, TODAY + datetime.timedelta(days=20))
    set_due(later, TODAY + datetime.timedelta(days=45))
    set_due(someone_elses, TODAY - datetime.timedelta(days=30))

    due = list(reviews_due(owner=owner, on=TODAY))

    assert [(item.title, item.review_overdue) for item in due] == [
        ("Returns within 30 days", True),
        ("Due soon", False),
    ]
    assert [item.title for item in reviews_due(on=TODAY, within_days=0)] == [
        "Not mine",
        "Returns within 30 days",
    ]


def test_a_review_moves_the_date_forward_without_a_new_version(policy, owner):
    revisions_before = Revision.objects.count()
    latest_before = policy.latest_revision_id

    next_due = record_review(policy=policy, user=owner, note="Still matches the warehouse rules.")

    policy.refresh_from_db()
    expected = add_months(timezone.localdate(), 12)
    assert next_due == expected
    assert policy.next_review_due == expected
    assert Revision.objects.count() == revisions_before
    assert policy.latest_revision_id == latest_before
    assert not policy.has_unpublished_changes
    assert policy.live_revision.as_object().next_review_due == expected


def stored_revisions() -> list[tuple]:
    """Every revision row exactly as the database holds it, content as stored text."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, CAST(content AS TEXT), created_at, approved_go_live_at "
            "FROM wagtailcore_revision ORDER BY id"
        )
        return cursor.fetchall()


def test_a_review_leaves_every_stored_revision_byte_for_byte_unchanged(policy, owner, leader):
    publish_version(policy, approver=leader, summary="Plainer words.", kind=ChangeKind.EDITORIAL)
    draft = PolicyPage.objects.get(pk=policy.pk)
    draft.summary = "Unused items can be returned within 30 days, with the receipt."
    submit_policy_revision(
        policy=draft, author=owner, summary="Receipt wording.", kind=ChangeKind.EDITORIAL
    )
    before = stored_revisions()

    record_review(policy=PolicyPage.objects.get(pk=policy.pk), user=owner, note="Still right.")

    assert len(before) == 3
    assert stored_revisions() == before


def test_the_review_is_logged_with_who_when_and_the_note(policy, owner):
    first_due = policy.next_review_due

    record_review(policy=policy, user=owner, note="Still matches the warehouse rules.")

    entry = PageLogEntry.objects.get(page=policy, action=REVIEWED_ACTION)
    expected = add_months(timezone.localdate(), 12)
    assert entry.user == owner
    assert timezone.now() - entry.timestamp < datetime.timedelta(minutes=1)
    assert entry.revision_id == policy.live_revision_id
    assert entry.data["note"] == "Still matches the warehouse rules."
    assert entry.data["previous_due"] == first_due.isoformat()
    assert entry.message == f"Reviewed, still valid. Next review due {expected:%-d %B %Y}."
    assert entry.comment == "Still matches the warehouse rules."


def test_a_draft_saved_before_the_review_does_not_undo_it_when_published(policy, owner, leader):
    draft = PolicyPage.objects.get(pk=policy.pk)
    draft.summary = "Unused items can be returned within 30 days, with the receipt."
    submit_policy_revision(
        policy=draft, author=owner, summary="Receipt wording.", kind=ChangeKind.EDITORIAL
    )
    with clock_at(timezone.now() + datetime.timedelta(days=40)):
        next_due = record_review(policy=PolicyPage.objects.get(pk=policy.pk), user=owner)
        approve_policy_revision(policy=PolicyPage.objects.get(pk=policy.pk), approver=leader)

    published = PolicyPage.objects.get(pk=policy.pk)
    assert published.summary == "Unused items can be returned within 30 days, with the receipt."
    assert published.next_review_due == next_due


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


def test_only_the_owner_and_leadership_may_review(policy, owner, leader, staff, supervisor):
    other_owner = UserFactory(username="other-owner", role="Policy owners")

    assert may_review(policy=policy, user=owner)
    assert may_review(policy=policy, user=leader)
    assert not may_review(policy=policy, user=other_owner)
    assert not may_review(policy=policy, user=staff)
    assert not may_review(policy=policy, user=supervisor)
    with pytest.raises(PermissionDenied):
        record_review(policy=policy, user=other_owner)
    assert not PageLogEntry.objects.filter(action=REVIEWED_ACTION).exists()


def test_the_as_of_page_shows_what_was_published_that_day_not_a_later_review(
    client, area, owner, leader, staff
):
    with clock_at(local_time(2026, 1, 15, 10, 0)):
        policy = PolicyPageFactory(area=area, owner=owner, approver=leader)
    with clock_at(local_time(2026, 4, 1, 10, 0)):
        publish_version(
            policy, approver=leader, summary="Wider.", scope="Online and in-store orders."
        )
    with clock_at(local_time(2026, 5, 20, 10, 0)):
        next_due = record_review(policy=PolicyPage.objects.get(pk=policy.pk), user=owner)
    client.force_login(staff)

    words = words_on(client.get(f"{policy.url}as-of/2026-02-01/").content)

    assert "You are reading version 1" in words
    assert "All online orders." in words and "in-store" not in words
    assert "Next review" not in words
    assert f"{next_due:%-d %B %Y}" not in words
