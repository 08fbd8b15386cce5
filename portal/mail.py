"""Mail the portal sends: links that work from an inbox, and sending that never breaks
the action behind it."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """The portal address (PORTAL_BASE_URL) joined to a path from reverse() or page.url."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_quietly(messages: list[EmailMessage]) -> int:
    """Send the messages over one connection and return how many went out.

    A mail server that is down or refuses a message is logged, not raised:
    the case or reminder behind the mail is already saved and must stay so.
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
