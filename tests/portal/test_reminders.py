"""send_review_reminders: the right owners are mailed, and never twice for the same thing."""

import datetime
import io
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from policies.models import PolicyPage
from portal.reminders import (
    PRESSURE_CLEARED_ACTION,
    PRESSURE_FLAGGED_ACTION,
    REVIEW_REMINDER_ACTION,
    send_review_reminders,
)
from tests.exceptions.factories import record_case, withdraw
from tests.policies.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


@pytest.fixture(autouse=True)
def empty_outbox(request):
    """Policies are approved with mail; start each test after that, with nothing sent."""
    if "policy" in request.fixturenames:
        request.getfixturevalue("policy")
    mail.outbox.clear()


def make_due(policy, days_ago=3):
    PolicyPage.objects.filter(pk=policy.pk).update(
        next_review_due=timezone.localdate() - datetime.timedelta(days=days_ago)
    )


def run(now=None):
    return send_review_reminders(now=now or timezone.now())


def test_an_owner_gets_one_email_listing_their_due_reviews(policy, area, owner, leader):
    second = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Late payment fee")
    PolicyPageFactory(area=area, owner=owner, approver=leader, title="Not due yet")
    make_due(policy)
    make_due(second, days_ago=0)
    mail.outbox.clear()

    assert run() == {"review reminders": 1, "pressure alerts": 0}

    [message] = mail.outbox
    assert message.to == ["owner@example.com"]
    assert message.subject == "Reviews due: 2 of your policies"
    assert "- Returns within 30 days: due" in message.body
    assert "(overdue)" in message.body
    assert f"http://127.0.0.1:8000{policy.url}#review" in message.body
    assert "Not due yet" not in message.body
    assert PageLogEntry.objects.filter(action=REVIEW_REMINDER_ACTION).count() == 2


def test_running_again_the_same_day_sends_nothing(policy):
    make_due(policy)
    run()
    mail.outbox.clear()

    assert run() == {"review reminders": 0, "pressure alerts": 0}
    assert mail.outbox == []


def test_a_review_still_due_a_week_later_is_reminded_again(policy):
    make_due(policy)
    run()
    mail.outbox.clear()

    assert run(timezone.now() + datetime.timedelta(days=6))["review reminders"] == 0
    assert run(timezone.now() + datetime.timedelta(days=7))["review reminders"] == 1


def test_a_failed_email_is_not_recorded_and_goes_out_next_time(policy, settings):
    make_due(policy)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"

    assert run()["review reminders"] == 0
    assert not PageLogEntry.objects.filter(action=REVIEW_REMINDER_ACTION).exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert run()["review reminders"] == 1


@pytest.fixture
def under_pressure(policy, leader, settings):
    """Two grants outside any path this week: 2 pressure points per 30 days."""
    settings.PORTAL_PRESSURE_THRESHOLD = 2.0
    return [record_case(policy, leader, granted=True) for _number in range(2)]


def test_a_policy_newly_under_pressure_is_announced_to_its_owner_once(policy, under_pressure):
    assert run() == {"review reminders": 0, "pressure alerts": 1}

    [message] = mail.outbox
    assert message.to == ["owner@example.com"]
    assert message.subject == ("Review recommended: exception pressure on one of your policies")
    assert "- Returns within 30 days: pressure 2.0 from 2 cases; 2 granted outside any path" in (
        message.body
    )
    assert "http://127.0.0.1:8000/insights/?days=90" in message.body
    entry = PageLogEntry.objects.get(action=PRESSURE_FLAGGED_ACTION)
    assert entry.message == (
        "Exception pressure reached 2.0, at or above the threshold of 2.0: review recommended."
    )

    mail.outbox.clear()
    assert run(timezone.now() + datetime.timedelta(days=1))["pressure alerts"] == 0
    assert mail.outbox == []


def test_pressure_that_eases_and_returns_is_announced_again(policy, leader, under_pressure):
    run()
    for case in under_pressure:
        withdraw(case, leader, "Recorded by mistake.")

    assert run()["pressure alerts"] == 0
    assert PageLogEntry.objects.filter(action=PRESSURE_CLEARED_ACTION).count() == 1
    assert run()["pressure alerts"] == 0
    assert PageLogEntry.objects.filter(action=PRESSURE_CLEARED_ACTION).count() == 1

    record_case(policy, leader, granted=True)
    record_case(policy, leader, granted=True)
    mail.outbox.clear()

    assert run()["pressure alerts"] == 1
    assert len(mail.outbox) == 1


def test_a_flagged_policy_without_an_owner_is_logged_not_mailed(policy, under_pressure):
    PolicyPage.objects.filter(pk=policy.pk).update(owner=None)

    assert run()["pressure alerts"] == 0
    assert PageLogEntry.objects.get(action=PRESSURE_FLAGGED_ACTION).data["recipient"] is None
    assert run()["pressure alerts"] == 0


def test_the_command_prints_what_it_sent(policy):
    make_due(policy)
    out = io.StringIO()

    call_command("send_review_reminders", stdout=out)
    call_command("send_review_reminders", stdout=out)

    assert out.getvalue().splitlines() == [
        "1 review reminders sent, 0 pressure alerts sent",
        "0 review reminders sent, 0 pressure alerts sent",
    ]
