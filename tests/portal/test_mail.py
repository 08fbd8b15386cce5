"""Mail leaves through the background worker: a mail server that is down or hanging costs
a request nothing, and the worker tries again until the message goes out."""

import datetime
import socket
import threading
import time
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from exceptions.models import Precedent
from portal.mail import RETRY_AFTER_MINUTES, as_task_argument, from_task_argument
from tests.exceptions.factories import record_case

# Each test commits for real, as a request does, so the worker sees what it queued.
pytestmark = pytest.mark.django_db(transaction=True)

EMAIL_TIMEOUT = 2
DELIVER_EMAIL = "portal.mail.deliver_email"


class MailServer:
    """A socket where a mail server should be: `hanging` accepts connections and never
    answers; `down` is a port nobody listens on. Counts the connections it accepted."""

    def __init__(self, state: str):
        self.state = state
        self.accepted = 0
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.held = []
        if state == "down":
            self.listener.close()
        else:
            self.listener.listen()
            self.listener.settimeout(0.2)
            self.running = True
            self.thread = threading.Thread(target=self._accept, daemon=True)
            self.thread.start()

    def _accept(self):
        while self.running:
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            self.held.append(connection)

    def close(self):
        if self.state != "down":
            self.running = False
            self.thread.join()
            self.listener.close()
        for connection in self.held:
            connection.close()


@pytest.fixture(params=["hanging", "down"])
def mail_server(request, settings):
    server = MailServer(request.param)
    settings.EMAIL_BACKEND = "portal.mail.QueuedEmailBackend"
    settings.PORTAL_EMAIL_SENDING_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = EMAIL_TIMEOUT
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    yield server
    server.close()


def run_worker():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def queued_mail():
    return DBTaskResult.objects.filter(task_path=DELIVER_EMAIL).order_by("enqueued_at")


def post_escalation(client, policy):
    path = policy.exception_paths.get(name="Refund without receipt")
    started = time.monotonic()
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
    return response, time.monotonic() - started


def test_recording_a_case_answers_at_once_whatever_the_mail_server_does(
    client, policy, staff, supervisor, mail_server
):
    client.force_login(staff)

    response, seconds = post_escalation(client, policy)

    assert response.status_code == 302
    assert Precedent.objects.get().is_escalated
    # The request never reached for the mail server, so it did not wait for it.
    assert mail_server.accepted == 0
    assert seconds < EMAIL_TIMEOUT / 2
    waiting = queued_mail().get()
    assert waiting.status == "READY"
    assert waiting.args_kwargs["args"][0]["to"] == ["supervisor@example.com"]


def test_deciding_a_case_answers_at_once_whatever_the_mail_server_does(
    client, policy, staff, supervisor, mail_server
):
    case = record_case(
        policy, staff, path_name="Refund without receipt", amount="90", escalate=True
    )
    client.force_login(supervisor)
    started = time.monotonic()

    response = client.post(
        f"/cases/{case.pk}/decide/",
        {"decision": "grant", "rationale": "Card statement seen.", "seen_change_count": 1},
    )

    assert response.status_code == 302
    assert mail_server.accepted == 0
    assert time.monotonic() - started < EMAIL_TIMEOUT / 2


def test_the_worker_gives_up_on_a_silent_server_in_time_and_tries_again_later(
    client, policy, staff, supervisor, mail_server, settings
):
    client.force_login(staff)
    post_escalation(client, policy)
    mail.outbox.clear()  # what the policy's approval sent before the test began
    started = time.monotonic()

    run_worker()

    first, retry = queued_mail()
    assert first.status == "FAILED"
    assert retry.status == "READY"
    assert retry.args_kwargs["args"][1] == 2
    expected_wait = datetime.timedelta(minutes=RETRY_AFTER_MINUTES[0])
    assert retry.run_after > timezone.now() + expected_wait - datetime.timedelta(seconds=30)
    assert mail_server.accepted == (1 if mail_server.state == "hanging" else 0)
    assert time.monotonic() - started < EMAIL_TIMEOUT + 5
    assert mail.outbox == []

    # The mail server is back, and the time for the next try has come.
    settings.PORTAL_EMAIL_SENDING_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    queued_mail().filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()

    assert [message.to for message in mail.outbox] == [["supervisor@example.com"]]
    assert mail.outbox[0].subject.startswith("Case #")
    assert queued_mail().get(pk=retry.pk).status == "SUCCESSFUL"


def test_a_queued_message_comes_out_as_it_went_in():
    message = mail.EmailMultiAlternatives(
        subject="Case #7 waits for leadership",
        body="Plain text.",
        from_email="portal@example.com",
        to=["lena@example.com"],
        cc=["omar@example.com"],
        bcc=["audit@example.com"],
        reply_to=["desk@example.com"],
        headers={"X-Portal": "case-7"},
    )
    message.attach_alternative("<p>HTML</p>", "text/html")
    message.attach("case-7.txt", "Attached text.", "text/plain")

    copy = from_task_argument(as_task_argument(message))

    shown = ["subject", "body", "from_email", "to", "cc", "bcc", "reply_to", "extra_headers"]
    assert {name: getattr(copy, name) for name in shown} == {
        name: getattr(message, name) for name in shown
    }
    assert list(copy.alternatives) == list(message.alternatives)
    assert list(copy.attachments) == list(message.attachments)
    assert copy.recipients() == message.recipients()
