"""What each event says: the data the portal's own JSON carries, and the announcement a
chat shows (a title, a sentence, facts and one link), built from the case or policy.

Every event has an id that stays the same for every endpoint and every try, derived from
what happened (this case escalated, this version live, this review due on this day), so
a receiver that sees an id twice can drop the second.
"""

import datetime
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from exceptions.models import Precedent
from policies.choices import Tier
from policies.models import PolicyPage
from policies.wording import amount_in_words
from portal.mail import absolute_url
from portal.people import display_name

from .choices import Event

# A situation is told in full to the portal's own JSON; a chat shows its beginning.
SITUATION_IN_CHAT = 300


@dataclass(frozen=True)
class Announcement:
    """What a person reads in a channel: the same for Slack and Teams."""

    title: str
    text: str
    link_label: str
    link_url: str
    facts: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class WebhookEvent:
    id: uuid.UUID
    kind: Event
    occurred_at: datetime.datetime
    data: dict
    announcement: Announcement


def case_escalated(precedent: Precedent) -> WebhookEvent:
    if precedent.escalated_to_tier is None:
        # The database refuses an escalated case without one (see Precedent.Meta).
        raise ValueError(f"Case {precedent.pk} is escalated to no tier.")
    with translation.override(settings.LANGUAGE_CODE):
        tier = Tier(precedent.escalated_to_tier).label.lower()
        facts = [(_("Policy"), precedent.policy.title)]
        if precedent.path_name:
            facts.append((_("Exception path"), precedent.path_name))
        if precedent.amount is not None:
            asked = amount_in_words(precedent.amount, precedent.path_limit_unit)
            facts.append((_("Asked"), asked))
        facts.append((_("Recorded by"), display_name(precedent.recorded_by)))
        announcement = Announcement(
            title=_("Case #%(pk)s waits for %(tier)s") % {"pk": precedent.pk, "tier": tier},
            text=_short(precedent.situation),
            facts=facts,
            link_label=_("Decide this case"),
            link_url=absolute_url(precedent.get_absolute_url()),
        )
    return _case_event(Event.CASE_ESCALATED, precedent, precedent.escalated_at, announcement)


def case_decided(precedent: Precedent) -> WebhookEvent:
    with translation.override(settings.LANGUAGE_CODE):
        outcome = precedent.smaller_grant_display or precedent.get_outcome_display()
        announcement = Announcement(
            title=_("Case #%(pk)s decided: %(outcome)s") % {"pk": precedent.pk, "outcome": outcome},
            text=_short(precedent.situation),
            facts=[
                (_("Policy"), precedent.policy.title),
                (_("Decided by"), display_name(precedent.decided_by)),
            ],
            link_label=_("Open the case"),
            link_url=absolute_url(precedent.get_absolute_url()),
        )
    return _case_event(Event.CASE_DECIDED, precedent, precedent.decided_at, announcement)


def version_published(
    policy: PolicyPage, *, number: int, went_live_at: datetime.datetime, note
) -> WebhookEvent:
    """Version `number` of the policy went live; `note` is its RevisionNote, or None."""
    with translation.override(settings.LANGUAGE_CODE):
        summary = note.summary if note is not None else ""
        facts = [(_("Went live"), date_format(timezone.localtime(went_live_at), "j F Y, H:i"))]
        if note is not None:
            facts.append((_("Kind of change"), str(note.get_kind_display())))
        announcement = Announcement(
            title=_("Version %(number)s of %(policy)s is live")
            % {"number": number, "policy": policy.title},
            text=summary,
            facts=facts,
            link_label=_("Read the policy"),
            link_url=absolute_url(policy.url),
        )
    data = {
        "policy": _policy_data(policy),
        "version": {
            "number": number,
            "went_live_at": went_live_at.isoformat(),
            "summary": summary,
            "kind": note.kind if note is not None else None,
            "history_url": absolute_url(f"{policy.url}history/"),
        },
    }
    return WebhookEvent(
        id=_event_id(Event.VERSION_PUBLISHED, f"{policy.pk}/{number}"),
        kind=Event.VERSION_PUBLISHED,
        occurred_at=went_live_at,
        data=data,
        announcement=announcement,
    )


def review_due(policy: PolicyPage, *, due_on: datetime.date) -> WebhookEvent:
    with translation.override(settings.LANGUAGE_CODE):
        facts = [(_("Review due"), date_format(due_on, "j F Y"))]
        if policy.owner is not None:
            facts.append((_("Owner"), display_name(policy.owner)))
        announcement = Announcement(
            title=_("Review due: %(policy)s") % {"policy": policy.title},
            text=policy.summary,
            facts=facts,
            link_label=_("Review the policy"),
            link_url=absolute_url(f"{policy.url}#review"),
        )
    data = {
        "policy": _policy_data(policy),
        "review_due_on": due_on.isoformat(),
        "owner": display_name(policy.owner) or None,
    }
    return WebhookEvent(
        id=_event_id(Event.REVIEW_DUE, f"{policy.pk}/{due_on.isoformat()}"),
        kind=Event.REVIEW_DUE,
        occurred_at=timezone.now(),
        data=data,
        announcement=announcement,
    )


def _case_event(kind: Event, precedent: Precedent, at, announcement) -> WebhookEvent:
    policy = precedent.policy
    data = {
        "case": {
            "id": precedent.pk,
            "url": absolute_url(precedent.get_absolute_url()),
            "policy": _policy_data(policy),
            "situation": precedent.situation,
            "requested": precedent.requested_outcome,
            "outcome": precedent.outcome,
            "exception_path": precedent.path_name or None,
            "amount": _number(precedent.amount),
            "granted_amount": _number(precedent.granted_amount),
            "unit": precedent.path_limit_unit,
            "escalated_to_tier": precedent.escalated_to_tier,
            "recorded_by": display_name(precedent.recorded_by),
            "recorded_at": precedent.recorded_at.isoformat(),
            "decided_by": display_name(precedent.decided_by) or None,
            "decided_at": precedent.decided_at.isoformat() if precedent.decided_at else None,
            "decision_rationale": precedent.decision_rationale,
        }
    }
    return WebhookEvent(
        id=_event_id(kind, str(precedent.pk)),
        kind=kind,
        occurred_at=at or timezone.now(),
        data=data,
        announcement=announcement,
    )


def _policy_data(policy: PolicyPage) -> dict:
    return {"id": policy.pk, "title": policy.title, "url": absolute_url(policy.url)}


def _number(amount) -> str | None:
    """Amounts as text, as typed: JSON numbers would round a decimal."""
    return None if amount is None else str(amount)


def _short(text: str) -> str:
    if len(text) <= SITUATION_IN_CHAT:
        return text
    return text[: SITUATION_IN_CHAT - 1].rstrip() + "…"


def _event_id(kind: Event, key: str) -> uuid.UUID:
    """The same id every time the same thing happens on this portal (see the module's doc)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, absolute_url(f"/#{kind}/{key}"))
