"""Signals sent when a case reaches a state other parts of the portal tell the world about
(portal.webhooks hears them). Each is sent with `precedent=`, inside the transaction that
saved the case: a receiver that reaches outside the portal waits for the commit."""

from django.dispatch import Signal

# The case now waits for someone of a higher tier (precedent.escalated_to_tier).
case_escalated = Signal()
# The case got its decision: when it was recorded, or when its escalation was decided.
case_decided = Signal()
