"""Signals about policies that other parts of the portal tell the world about
(portal.webhooks hears them). A version going live is Wagtail's own page_published."""

from django.dispatch import Signal

# Sent by the daily reminders job with `policies=` (live policies whose review date has
# come) and `on=` (that day). Sent every day a review stays due: receivers say each once.
reviews_fell_due = Signal()
