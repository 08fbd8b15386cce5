"""Emails about cases, to the people who must act on them, sent once the case is saved."""

from functools import partial

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from policies.choices import Tier
from portal.mail import absolute_url, send_quietly

from .choices import Outcome
from .events import case_decided, case_escalated
from .models import Precedent
from .permissions import ROLE_TIERS


def announce_case(*, precedent: Precedent) -> None:
    """Queue the emails the case's new state calls for; they leave after the commit. Tell
    the rest of the portal too (exceptions.events): webhooks also wait for the commit.

    An escalated case goes to everyone of the tier it waits for; a decided
    escalation goes back to its recorder; a case granted outside any path goes
    to the policy's owner, who may want a new path. Sent after the commit, so a
    rolled-back case mails nobody, and a failing mail server cannot undo a saved
    one (see portal.mail.send_quietly).
    """
    if precedent.is_escalated:
        case_escalated.send(sender=Precedent, precedent=precedent)
        messages = _escalation_messages(precedent)
    else:
        case_decided.send(sender=Precedent, precedent=precedent)
        messages = _decision_messages(precedent)
        if precedent.outcome == Outcome.GRANTED_OUTSIDE_PATH:
            messages += _granted_outside_messages(precedent)
    if messages:
        transaction.on_commit(partial(send_quietly, messages))


def announce_question(*, precedent: Precedent) -> None:
    """Queue the email a question calls for, after the commit: a question asked goes to
    the case's recorder, its answer back to the decider who asked."""
    asked = precedent.is_awaiting_answer
    recipient = precedent.recorded_by if asked else precedent.question_asked_by
    if asked:
        subject = _("A question about your case #%(pk)s: %(policy)s")
        template = "exceptions/email/question_asked.txt"
    else:
        subject = _("Your question about case #%(pk)s was answered: %(policy)s")
        template = "exceptions/email/question_answered.txt"
    if recipient is None or not recipient.is_active or not recipient.email:
        return
    subject %= {"pk": precedent.pk, "policy": precedent.policy.title}
    message = _message(subject, template, precedent, recipient)
    transaction.on_commit(partial(send_quietly, [message]))


def _tier_members(tier: Tier):
    """Active people holding a role of exactly `tier` who can be mailed."""
    role_names = [role for role, role_tier in ROLE_TIERS.items() if role_tier == tier]
    return (
        get_user_model()
        .objects.filter(groups__name__in=role_names, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("username")
    )


def _escalation_messages(precedent: Precedent) -> list[EmailMessage]:
    if precedent.escalated_to_tier is None:
        # The database refuses an escalated case without one (see Precedent.Meta).
        raise ValueError(f"Case {precedent.pk} is escalated to no tier.")
    tier = Tier(precedent.escalated_to_tier)
    recipients = _tier_members(tier).exclude(pk=precedent.recorded_by_id)
    subject = _("Case #%(pk)s waits for %(tier)s: %(policy)s") % {
        "pk": precedent.pk,
        "tier": tier.label.lower(),
        "policy": precedent.policy.title,
    }
    return [
        _message(subject, "exceptions/email/case_escalated.txt", precedent, recipient)
        for recipient in recipients
    ]


def _decision_messages(precedent: Precedent) -> list[EmailMessage]:
    """The recorder of an escalated case hears the decision someone else made."""
    recorder = precedent.recorded_by
    if precedent.escalated_at is None or not recorder.is_active or not recorder.email:
        return []
    subject = _("Case #%(pk)s was decided: %(outcome)s") % {
        "pk": precedent.pk,
        "outcome": precedent.get_outcome_display().lower(),
    }
    return [_message(subject, "exceptions/email/case_decided.txt", precedent, recorder)]


def _granted_outside_messages(precedent: Precedent) -> list[EmailMessage]:
    owner = precedent.policy.owner
    if owner is None or not owner.is_active or not owner.email:
        return []
    if owner.pk == precedent.decided_by_id:
        return []
    subject = _("Case #%(pk)s was granted outside any path of %(policy)s") % {
        "pk": precedent.pk,
        "policy": precedent.policy.title,
    }
    return [_message(subject, "exceptions/email/case_granted_outside.txt", precedent, owner)]


def _message(subject: str, template: str, precedent: Precedent, recipient) -> EmailMessage:
    body = render_to_string(
        template,
        {
            "case": precedent,
            "recipient": recipient,
            "case_url": absolute_url(precedent.get_absolute_url()),
        },
    )
    return EmailMessage(subject=subject, body=body, to=[recipient.email])
