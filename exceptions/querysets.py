"""What the case list, the queues and the ledger ask of cases, named once: the time an
escalated case is due, and the recurring filters of PrecedentQuerySet."""

import datetime

from django.db import models
from django.db.models import Case, DurationField, ExpressionWrapper, F, IntegerField, Q, Value, When
from wagtail.search.queryset import SearchableQuerySetMixin

from .choices import Outcome, Standing
from .rulebook import DEFAULT_DECISION_HOURS


def promised_hours_expression():
    """Precedent.promised_decision_hours, computed by the database."""
    return Case(
        When(
            Q(path_decision_hours__gt=0, path_tier=F("escalated_to_tier")),
            then=F("path_decision_hours"),
        ),
        *[
            When(Q(escalated_to_tier=tier), then=Value(hours))
            for tier, hours in DEFAULT_DECISION_HOURS.items()
        ],
        default=Value(24),
        output_field=IntegerField(),
    )


def decision_due_at():
    """When an escalated case should be decided, computed by the database: the moment it
    was escalated, plus the hours promised (Precedent.promised_decision_hours), plus the
    time it spent waiting for its recorder's answers (the clock stops meanwhile)."""
    return ExpressionWrapper(
        F("escalated_at")
        + ExpressionWrapper(
            promised_hours_expression() * Value(datetime.timedelta(hours=1)),
            output_field=DurationField(),
        )
        + F("clock_paused"),
        output_field=models.DateTimeField(),
    )


AWAITING_ANSWER = Q(question_asked_at__isnull=False, answered_at__isnull=True)


class PrecedentQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def not_withdrawn(self):
        """Cases that still count: every case but the withdrawn ones."""
        return self.exclude(standing=Standing.WITHDRAWN)

    def waiting_for_tier(self, tier: int):
        """Escalated cases a decider of `tier` may decide now, soonest due first: those
        waiting for their recorder's answer to a question are with the recorder."""
        return (
            self.filter(outcome=Outcome.ESCALATED, escalated_to_tier__lte=tier)
            .exclude(AWAITING_ANSWER)
            .not_withdrawn()
            .annotate(due_at=decision_due_at())
            .order_by("due_at", "pk")
        )

    def follow_ups_due(self, *, user, on):
        return self.filter(
            recorded_by=user, follow_up_due__lte=on, follow_up_result="", decided_at__isnull=False
        ).not_withdrawn()

    def decided_unseen(self, *, user):
        """The user's escalated cases decided by someone else since the user last opened them."""
        return self.filter(
            recorded_by=user,
            escalated_at__isnull=False,
            decided_at__isnull=False,
            decision_seen_at__isnull=True,
        ).not_withdrawn()
