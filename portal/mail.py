"""Mail the portal sends: links that work from an inbox, and sending that never holds up
or breaks the action behind it.

Every message, the portal's own and Wagtail's, goes through EMAIL_BACKEND, which
is QueuedEmailBackend: it queues the message as a background task (django-tasks,
database backend) and returns at once. The worker (`manage.py db_worker`) sends
it through PORTAL_EMAIL_SENDING_BACKEND, giving up on a silent mail server after
EMAIL_TIMEOUT seconds and trying again later, so a mail server that is down or
hanging costs a request nothing.
"""

import base64
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# How long the worker waits before each new try at a message the mail server did
# not take: about six hours in all, then the task is left failed, with its error.
RETRY_AFTER_MINUTES = [1, 5, 15, 60, 240]


def absolute_url(path: str) -> str:
    """The portal address (PORTAL_BASE_URL) joined to a path from reverse() or page.url."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_quietly(messages: list[EmailMessage]) -> int:
    """Hand the messages to the mail backend and return how many it took.

    With the queueing backend that is how many were queued; a failure to queue
    them is logged, not raised: the case or reminder behind the mail is already
    saved and must stay so.
    """
    if not messages:
        return 0
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:
        logger.exception(
            "Could not send %d email(s) to %s",
            len(messages),
            ", ".join(address for message in messages for address in message.to),
        )
        return 0


class QueuedEmailBackend(BaseEmailBackend):
    """An email backend that queues each message for the worker instead of sending it."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            deliver_email.enqueue(as_task_argument(message))
        return len(email_messages)


@task()
def deliver_email(message: dict, attempt: int = 1) -> None:
    """Send one queued message; if the mail server does not take it, queue the next try."""
    connection = get_connection(settings.PORTAL_EMAIL_SENDING_BACKEND, fail_silently=False)
    try:
        connection.send_messages([from_task_argument(message)])
    except OSError as error:  # refused, timed out, or an SMTP error (all OSErrors)
        if attempt > len(RETRY_AFTER_MINUTES) or not deliver_email.get_backend().supports_defer:
            logger.error(
                "Gave up sending %r to %s after %d tries: %s",
                message["subject"],
                ", ".join(message["to"]),
                attempt,
                error,
            )
            raise
        delay = datetime.timedelta(minutes=RETRY_AFTER_MINUTES[attempt - 1])
        deliver_email.using(run_after=timezone.now() + delay).enqueue(message, attempt + 1)
        logger.warning(
            "Could not send %r to %s (try %d): %s; trying again in %s",
            message["subject"],
            ", ".join(message["to"]),
            attempt,
            error,
            delay,
        )
        # This try stays on record as failed, with its error; the next one waits.
        raise


def as_task_argument(message: EmailMessage) -> dict:
    """The message as JSON a task can carry: headers, text, alternatives and attachments."""
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        if isinstance(content, str):
            content = content.encode()
        attachments.append([filename, base64.b64encode(content).decode("ascii"), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "content_subtype": message.content_subtype,
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
    }


def from_task_argument(data: dict) -> EmailMultiAlternatives:
    """The message `as_task_argument` described, ready for a mail backend."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
    )
    message.content_subtype = data["content_subtype"]
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message
