"""Who is mailed about a case, with what, and that mail never costs a case."""

import logging
import smtplib
import uuid

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from exceptions.choices import Decision
from exceptions.models import Precedent
from portal import roles
from tests.exceptions.factories import decide, record_case
from tests.policies.factories import PolicyPageFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPConnectError(421, "Service not available")


@pytest.fixture
def second_supervisor(db):
    return UserFactory(username="supervisor2", role=roles.SUPERVISORS)


@pytest.fixture(autouse=True)
def quiet_outbox(request):
    """Start each test with an empty outbox, after its policy was approved (which mails)."""
    if "policy" in request.fixturenames:
        request.getfixturevalue("policy")
    mail.outbox.clear()


def test_an_escalated_case_mails_every_supervisor_and_nobody_else(
    policy, staff, supervisor, second_supervisor, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case = record_case(
            policy,
            staff,
            path_name="Refund without receipt",
            amount="90",
            situation="Gift returned without a receipt; card statement shows the purchase.",
            escalate=True,
        )

    assert sorted(message.to[0] for message in mail.outbox) == [
        "supervisor2@example.com",
        "supervisor@example.com",
    ]
    message = mail.outbox[0]
    assert message.subject == f"Case #{case.pk} waits for supervisor: Returns within 30 days"
    assert "Gift returned without a receipt; card statement shows the purchase." in message.body
    assert "Path: Refund without receipt" in message.body
    assert "Amount: 90 EUR" in message.body
    assert "needs a decision within 1 d" in message.body
    assert f"http://127.0.0.1:8000/cases/{case.pk}/" in message.body


def test_a_case_escalated_to_leadership_mails_leadership(
    policy, staff, supervisor, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record_case(policy, staff, granted=True, escalate=True)

    assert [message.to for message in mail.outbox] == [["leader@example.com"]]
    assert "waits for leadership" in mail.outbox[0].subject
    assert "Path: Outside any path" in mail.outbox[0].body


def test_granting_outside_any_path_mails_the_policys_owner(
    policy, staff, owner, leader, django_capture_on_commit_callbacks
):
    case = record_case(policy, staff, granted=True, escalate=True)

    with django_capture_on_commit_callbacks(execute=True):
        decide(case, leader, Decision.GRANT, "Loyal customer; the rule did not foresee a flood.")

    assert [message.to for message in mail.outbox] == [
        ["staff@example.com"],
        ["owner@example.com"],
    ]
    message = mail.outbox[1]
    assert message.subject == (
        f"Case #{case.pk} was granted outside any path of Returns within 30 days"
    )
    assert "Loyal customer; the rule did not foresee a flood." in message.body
    assert leader.get_full_name() in message.body


def test_leadership_granting_outside_a_path_directly_mails_the_owner(
    policy, owner, leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record_case(policy, leader, granted=True)

    assert [message.to for message in mail.outbox] == [["owner@example.com"]]


def test_an_owner_who_granted_it_themselves_gets_no_mail(
    area, leader, django_capture_on_commit_callbacks
):
    # A leader's own policy goes live with another leader's approval (four eyes).
    second_leader = UserFactory(username="leader2", role=roles.LEADERSHIP)
    own_policy = PolicyPageFactory(area=area, owner=leader, approver=second_leader)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        record_case(own_policy, leader, granted=True)

    assert mail.outbox == []


def test_decisions_within_a_path_and_upheld_rules_mail_only_an_escalations_recorder(
    policy, staff, supervisor, owner, django_capture_on_commit_callbacks
):
    case = record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )

    with django_capture_on_commit_callbacks(execute=True):
        record_case(policy, staff, path_name="Late return", amount="3")
        record_case(policy, staff, granted=False)
        decide(case, supervisor, Decision.GRANT, "Verified.")

    assert [message.to for message in mail.outbox] == [["staff@example.com"]]
    message = mail.outbox[0]
    assert message.subject == f"Case #{case.pk} was decided: granted within a path"
    assert "You asked for: Grant within a path (Refund without receipt)" in message.body
    assert "Why: Verified." in message.body
    assert f"http://127.0.0.1:8000/cases/{case.pk}/" in message.body


def test_no_mail_leaves_for_a_case_that_was_rolled_back(
    policy, staff, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        record_case(policy, staff, path_name="Refund without receipt", amount="90", escalate=True)
        transaction.set_rollback(True)

    assert mail.outbox == []
    assert not Precedent.objects.exists()


def test_a_failing_mail_server_is_logged_and_the_case_is_kept(
    client, policy, staff, supervisor, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    client.force_login(staff)
    path = policy.exception_paths.get(name="Refund without receipt")

    with (
        caplog.at_level(logging.ERROR, logger="portal.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(
            "/cases/new/",
            {
                "policy": policy.pk,
                "situation": "Gift returned without a receipt.",
                "decision": f"path-{path.pk}",
                "amount": "90",
                "rationale": "Purchase found on the card statement.",
                "channel": "store",
                "tags": "returns",
                "escalate": "1",
                "submission_token": str(uuid.uuid4()),
            },
        )

    case = Precedent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.is_escalated
    assert "Could not send 1 email(s) to supervisor@example.com" in caplog.text
