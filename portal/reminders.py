"""Reminders to policy owners, sent by `manage.py send_review_reminders` from cron.

Two kinds: reviews that have fallen due, and policies that have newly reached
the pressure threshold. Every email sent is written into the policy's audit
log (its history in the admin), and that log is what keeps a second run from
sending anything twice: a review reminder is repeated at most once every
REVIEW_REMINDER_EVERY_DAYS while the review stays due, and a pressure alert
goes out only when a policy crosses the threshold, again only after it has
fallen back below it. Emails are queued (portal.mail), and the worker retries
one the mail server does not take; one that cannot even be queued is not
logged, so the next run tries again. The policies whose review is due are also
announced each run (policies.events.reviews_fell_due), for the webhooks.
"""

import datetime
from itertools import groupby

from django.core.mail import EmailMessage
from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext
from wagtail.log_actions import log
from wagtail.models import PageLogEntry

from policies.events import reviews_fell_due
from policies.models import PolicyPage
from policies.selectors import reviews_due

from .insights.score import DEFAULT_WINDOW_DAYS
from .insights.selectors import policies_needing_review, pressure_threshold
from .mail import absolute_url, send_quietly

REVIEW_REMINDER_ACTION = "portal.review_reminder"
PRESSURE_FLAGGED_ACTION = "portal.pressure_flagged"
PRESSURE_CLEARED_ACTION = "portal.pressure_cleared"
# Owners hear about an overdue review once a week, not every time cron runs.
REVIEW_REMINDER_EVERY_DAYS = 7


def send_review_reminders(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send what is due today; return how many emails of each kind went out."""
    now = now or timezone.now()
    announce_reviews_due(on=timezone.localdate(now))
    return {
        "review reminders": remind_reviews_due(now=now),
        "pressure alerts": alert_new_pressure(now=now),
    }


def announce_reviews_due(*, on: datetime.date) -> None:
    """Tell the rest of the portal which live policies are due for review on that day."""
    due = list(reviews_due(on=on, within_days=0))
    if due:
        reviews_fell_due.send(sender=PolicyPage, policies=due, on=on)


def remind_reviews_due(*, now: datetime.datetime) -> int:
    """Email each owner the policies past their review date not reminded of lately."""
    today = timezone.localdate(now)
    first_day = today - datetime.timedelta(days=REVIEW_REMINDER_EVERY_DAYS - 1)
    reminded_lately = PageLogEntry.objects.filter(
        action=REVIEW_REMINDER_ACTION,
        timestamp__gte=timezone.make_aware(datetime.datetime.combine(first_day, datetime.time())),
    ).values("page_id")
    due = (
        reviews_due(on=today, within_days=0)
        .exclude(pk__in=reminded_lately)
        .filter(owner__is_active=True)
        .exclude(owner__email="")
        .select_related("owner")
    )
    sent = 0
    for owner, policies in _by_owner(due):
        subject = ngettext(
            "Review due: one of your policies",
            "Reviews due: %(count)d of your policies",
            len(policies),
        ) % {"count": len(policies)}
        message = _message(subject, "portal/email/reviews_due.txt", owner, policies, today=today)
        if send_quietly([message]):
            sent += 1
            for policy in policies:
                log(
                    instance=policy,
                    action=REVIEW_REMINDER_ACTION,
                    data={"recipient": owner.pk, "email": owner.email},
                )
    return sent


def alert_new_pressure(*, now: datetime.datetime) -> int:
    """Tell owners about their policies that newly reached the threshold; log those that eased.

    A policy with no owner to mail is still logged as flagged, so that it is
    not looked at again every day; it shows on the insights page all the same.
    """
    last_alert = dict(
        PolicyPage.objects.annotate(
            last_alert=Subquery(
                PageLogEntry.objects.filter(
                    page_id=OuterRef("pk"),
                    action__in=[PRESSURE_FLAGGED_ACTION, PRESSURE_CLEARED_ACTION],
                )
                .order_by("-timestamp", "-pk")
                .values("action")[:1]
            )
        )
        .filter(last_alert__isnull=False)
        .values_list("pk", "last_alert")
    )
    flagged = list(policies_needing_review(now=now))
    flagged_ids = {policy.pk for policy in flagged}
    for policy in PolicyPage.objects.filter(pk__in=last_alert).exclude(pk__in=flagged_ids):
        if last_alert[policy.pk] == PRESSURE_FLAGGED_ACTION:
            log(instance=policy, action=PRESSURE_CLEARED_ACTION)
    newly_flagged = [
        policy for policy in flagged if last_alert.get(policy.pk) != PRESSURE_FLAGGED_ACTION
    ]
    threshold = pressure_threshold()
    sent = 0
    for owner, policies in _by_owner(newly_flagged):
        mailable = owner is not None and owner.is_active and owner.email
        if mailable:
            subject = ngettext(
                "Review recommended: exception pressure on one of your policies",
                "Review recommended: exception pressure on %(count)d of your policies",
                len(policies),
            ) % {"count": len(policies)}
            message = _message(
                subject,
                "portal/email/pressure_alert.txt",
                owner,
                policies,
                threshold=threshold,
                days=DEFAULT_WINDOW_DAYS,
                insights_url=absolute_url(f"{reverse('insights')}?days={DEFAULT_WINDOW_DAYS}"),
            )
            if not send_quietly([message]):
                continue
            sent += 1
        for policy in policies:
            log(
                instance=policy,
                action=PRESSURE_FLAGGED_ACTION,
                data={
                    "pressure": f"{policy.pressure:.1f}",
                    "threshold": f"{threshold:.1f}",
                    "recipient": owner.pk if mailable else None,
                },
            )
    return sent


def _by_owner(policies) -> list[tuple]:
    """The policies grouped by owner (None last), each group in the order given."""
    ordered = sorted(policies, key=lambda policy: (policy.owner_id is None, policy.owner_id or 0))
    return [
        (group[0].owner, group)
        for group in (list(items) for _key, items in groupby(ordered, key=lambda p: p.owner_id))
    ]


def _message(subject, template, owner, policies, **context) -> EmailMessage:
    body = render_to_string(
        template,
        {
            "owner": owner,
            "policies": [(policy, absolute_url(f"{policy.url}#review")) for policy in policies],
            **context,
        },
    )
    return EmailMessage(subject=subject, body=body, to=[owner.email])
