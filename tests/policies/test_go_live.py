"""A version approved for a later day goes live on that day, through the daily job.

The owner sets the day in the editor (Wagtail's go-live date); leadership's
approval schedules it; `send_review_reminders`, the daily job, runs Wagtail's
publish_scheduled first. Until then the page, its history and every fact about
the version in force stay as they were.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from exceptions.choices import Standing
from policies.choices import ChangeKind
from policies.models import PolicyPage
from policies.selectors import version_in_force
from policies.services import approve_policy_revision
from tests.clock import clock_at, local_time
from tests.exceptions.factories import record_case
from tests.policies.editor import edit_url, policy_form_data
from tests.reading import words_on

pytestmark = pytest.mark.django_db

APPROVED = local_time(2027, 2, 20, 15, 0)
GO_LIVE = local_time(2027, 3, 1, 0, 0)
DAILY_JOB = local_time(2027, 3, 1, 6, 0)


@pytest.fixture
def scheduled(client, owner, leader, staff, policy):
    """The owner moves receipts up to 200 EUR from 1 March 2027, citing a case; approved 20 Feb."""
    case = record_case(policy, staff, granted=False, situation="Receipt lost, 180 EUR.")
    client.force_login(owner)
    data = policy_form_data(
        client,
        policy,
        action="action-submit",
        change_summary="Receipts up to 200 EUR from March.",
        change_kind=ChangeKind.SUBSTANTIVE,
        driven_by=[case.pk],
        go_live_at="2027-03-01 00:00",
        **{"exception_paths-1-limit_amount": "200"},
    )
    assert client.post(edit_url(policy), data).status_code == 302
    with clock_at(APPROVED):
        approve_policy_revision(policy=PolicyPage.objects.get(pk=policy.pk), approver=leader)
    return case


def run_the_daily_job(at):
    with clock_at(at):
        call_command("send_review_reminders", stdout=io.StringIO())


def limit_of(client, policy, name):
    paths = client.get(policy.url).context["exception_paths"]
    return next(path.limit_display for path in paths if path.name == name)


def test_until_its_day_the_approved_version_waits_and_the_page_says_when(
    client, staff, policy, scheduled
):
    run_the_daily_job(GO_LIVE - datetime.timedelta(hours=1))
    client.force_login(staff)

    html = client.get(policy.url).content.decode()

    assert limit_of(client, policy, "Refund without receipt") == "150 EUR"
    assert "Version 1, in force since" in words_on(html)
    assert "Leadership has approved a change that goes live on 1 March 2027." in html
    assert version_in_force(policy=policy).number == 1
    scheduled.refresh_from_db()
    assert scheduled.standing == Standing.STANDING


def test_on_its_day_the_daily_job_makes_it_live_with_the_facts_of_that_day(
    client, staff, leader, policy, scheduled
):
    run_the_daily_job(DAILY_JOB)
    client.force_login(staff)

    html = client.get(policy.url).content.decode()

    assert limit_of(client, policy, "Refund without receipt") == "200 EUR"
    assert "Version 2, in force since 1 March 2027." in words_on(html)
    assert "goes live on" not in html
    version = version_in_force(policy=PolicyPage.objects.get(pk=policy.pk))
    assert (version.number, version.went_live_at) == (2, DAILY_JOB)
    assert version.approved_by == (leader,)
    history = client.get(f"{policy.url}history/").content.decode()
    assert "<time datetime=" in history
    assert "1 March 2027, 06:00" in history
    assert f"Approved by {leader.get_full_name()}." in history
    scheduled.refresh_from_db()
    assert scheduled.standing == Standing.CODIFIED
    assert PolicyPage.objects.get(pk=policy.pk).next_review_due == datetime.date(2028, 3, 1)


def test_the_as_of_page_follows_the_day_it_went_live(client, staff, policy, scheduled):
    run_the_daily_job(DAILY_JOB)
    client.force_login(staff)

    before = client.get(f"{policy.url}as-of/2027-02-28/")
    after = client.get(f"{policy.url}as-of/2027-03-01/")

    assert before.context["version"].number == 1
    assert after.context["version"].number == 2


def test_the_reader_who_signed_the_old_version_is_asked_again_on_the_day(
    client, staff, policy, scheduled
):
    client.force_login(staff)
    client.post(f"/policies/{policy.pk}/acknowledge/", {"revision": policy.live_revision_id})

    waiting = client.get(policy.url).content.decode()
    run_the_daily_job(DAILY_JOB)
    with clock_at(DAILY_JOB):
        client.force_login(staff)
        asked = client.get(policy.url).content.decode()

    assert f"You acknowledged version 1 on {timezone.localdate():%-d %B %Y}." in waiting
    assert "This policy changed since you acknowledged version 1" in asked
    assert "Version 2 went live on 1 March 2027." in asked
