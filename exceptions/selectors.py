"""Reads on precedent cases: the queries behind the case pages and the home page."""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.models import Page, Revision

from policies import selectors as policy_selectors
from policies.choices import Tier
from policies.models import PolicyPage, add_months
from policies.wording import amount_in_words, duration_in_words
from portal import freshness
from portal.model_fields import field_of
from portal.people import display_name

from .choices import Outcome, Standing
from .models import Precedent
from .permissions import user_tier
from .querysets import AWAITING_ANSWER, decision_due_at
from .replay import CaseFacts, Replay, replay, requested_of
from .rulebook import PathTerms, PolicyTerms

RECENT_CASES_ON_POLICY = 5
# How recently the same situation, recorded again, looks like the same form sent again.
REPEAT_WINDOW = datetime.timedelta(minutes=10)
HOME_LIST_LENGTH = 5
# The longest figures counted earlier are shown (kept_until_cases_change): a minute, or
# a day for figures over whole days.
FIGURES_KEPT_SECONDS = 60
DAY_FIGURES_KEPT_SECONDS = 24 * 60 * 60
# Left out of a case's history: the link to the live exception path, which a later
# policy version may remove (the case keeps its own copy of the path's name, tier and
# limit, and those show every change). Bookkeeping such as the change count is not
# editable, so simple-history leaves it out by itself.
HISTORY_HIDDEN_FIELDS = ["exception_path"]


def case_list_queryset() -> QuerySet[Precedent]:
    """Every case with what a list row shows, in one query per page."""
    return Precedent.objects.select_related("policy", "recorded_by", "decided_by")


def policy_case_summary(*, policy: PolicyPage) -> dict:
    """Counts of the policy's cases by outcome, and its most recent cases."""
    counted = Precedent.objects.filter(policy=policy).not_withdrawn()
    # Counting a column of the (policy, standing, outcome) index, not the primary key,
    # lets PostgreSQL answer from the index alone, however many cases the policy has.
    counts = counted.aggregate(
        total=Count("outcome"),
        **{outcome.value: Count("outcome", filter=Q(outcome=outcome)) for outcome in Outcome},
    )
    return {
        "total": counts.pop("total"),
        "by_outcome": [(outcome, counts[outcome.value]) for outcome in Outcome],
        "recent": list(
            counted.select_related("recorded_by").order_by("-recorded_at", "-pk")[
                :RECENT_CASES_ON_POLICY
            ]
        ),
    }


def escalations_waiting_for(*, user) -> QuerySet[Precedent]:
    """Escalated cases the user's tier may decide, oldest first, but those the user
    raised: escalating asks for a second person."""
    tier = user_tier(user)
    if tier is None:
        return Precedent.objects.none()
    return (
        Precedent.objects.waiting_for_tier(tier)
        .exclude(recorded_by=user)
        .select_related("policy", "recorded_by")
    )


def follow_ups_due(*, user, on: datetime.date | None = None) -> QuerySet[Precedent]:
    """The user's decided cases whose follow-up date has come."""
    on = on or timezone.localdate()
    return (
        Precedent.objects.follow_ups_due(user=user, on=on)
        .select_related("policy")
        .order_by("follow_up_due", "pk")
    )


def my_cases_waiting(*, user) -> QuerySet[Precedent]:
    """Cases the user recorded that are still waiting for someone else's decision, those
    waiting for the user's answer to a question first."""
    return (
        Precedent.objects.filter(recorded_by=user, outcome=Outcome.ESCALATED)
        .not_withdrawn()
        .select_related("policy")
        .alias(question_waiting=ExpressionWrapper(AWAITING_ANSWER, output_field=BooleanField()))
        .order_by("-question_waiting", "escalated_at", "pk")
    )


def same_case_recorded_lately(*, recorder, policy: PolicyPage, situation: str) -> Precedent | None:
    """The case `recorder` recorded under `policy` with this very situation minutes ago.

    Going Back to a sent record form fetches it anew, with a new one-time token,
    while the browser puts back what was typed: sending it again would record the
    same case twice, so the form asks first.
    """
    return (
        Precedent.objects.filter(
            policy=policy,
            recorded_by=recorder,
            situation=situation,
            recorded_at__gte=timezone.now() - REPEAT_WINDOW,
        )
        .order_by("-recorded_at")
        .first()
    )


def decided_since_last_looked(*, user) -> QuerySet[Precedent]:
    """The user's escalated cases that someone decided since the user last opened them,
    latest decision first."""
    return (
        Precedent.objects.decided_unseen(user=user)
        .select_related("policy", "decided_by")
        .order_by("-decided_at", "-pk")
    )


def case_history(*, precedent: Precedent) -> list[dict]:
    """Each change to the case, newest first: who, when, why and field-by-field changes."""
    records = list(
        precedent.history.select_related("history_user").order_by("-history_date", "-history_id")
    )
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        if older is not None:
            delta = newer.diff_against(older, excluded_fields=HISTORY_HIDDEN_FIELDS)
            for change in delta.changes:
                field = field_of(Precedent, change.field)
                changes.append(
                    {
                        "field": field.verbose_name,
                        "old": _display(older, field, change.old),
                        "new": _display(newer, field, change.new),
                    }
                )
        entries.append({"record": newer, "changes": changes, "created": older is None})
    return entries


def changes_since(*, precedent: Precedent, change_count: int) -> list[dict]:
    """The history entries that came after the case's `change_count`-th change, newest first."""
    return [
        entry
        for entry in case_history(precedent=precedent)
        if entry["record"].change_count > change_count
    ]


def _display(record, field, value) -> str:
    """A history value as a reader would say it: labels for choices, names for people."""
    if value in (None, ""):
        return "—"
    if field.is_relation:
        related = getattr(record, field.name)
        if hasattr(related, "get_full_name"):
            return display_name(related)
        return str(related)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "j M Y, H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "j M Y")
    if isinstance(value, datetime.timedelta):
        return duration_in_words(value.total_seconds() / 3600)
    if isinstance(value, Decimal):
        return amount_in_words(value, record.path_limit_unit)
    return str(value)


def case_with_context() -> QuerySet[Precedent]:
    """Cases with what their page shows. The version a case was recorded under is read only
    by those who may decide it (its terms): joining it for every reader cost the database
    more to plan than to run."""
    return Precedent.objects.select_related(
        "policy", "recorded_by", "decided_by", "question_asked_by"
    ).annotate(due_at=decision_due_at())


def kept_case(pk: int) -> Precedent | None:
    """The case with what its page shows, or None: kept until a case, a person or a policy
    changes (portal.freshness). For showing only: every action reads the case afresh."""
    scopes = freshness.versions_of(freshness.CASES, freshness.PEOPLE, freshness.POLICIES)
    return cache.get_or_set(
        f"case:{pk}:{':'.join(scopes.values())}",
        lambda: case_with_context().filter(pk=pk).first(),
        settings.PORTAL_FRAGMENT_SECONDS,
    )


def case_versions(*, precedent: Precedent) -> dict:
    """The policy versions around a case: the one it was recorded under, the one in force
    now, and those it drove."""
    versions, in_force = policy_selectors.kept_versions(policy=precedent.policy)
    by_revision = {version.revision.pk: version for version in versions}
    driven = precedent.driven_revision_notes.values_list("revision_id", flat=True)
    decided_under = by_revision.get(precedent.policy_revision_id)
    return {
        "decided_under": decided_under,
        "version_in_force": in_force,
        "rule_changed_since": decided_under is not None
        and in_force is not None
        and decided_under.number != in_force.number,
        "drove": [by_revision[pk] for pk in driven if pk in by_revision],
    }


def kept_until_cases_change(
    name: str, count: Callable, *, now: datetime.datetime, whole_days: bool = False
):
    """What count() returns, kept in the cache until any case changes or the minute ends.

    Every change to a case renews the cases scope of portal.freshness, so a new case
    shows at once, on every app server. Only the window's edges and the deadlines of
    waiting escalations move on with time, by a minute at most. Figures whose window
    starts at the start of a day and that read no deadline (`whole_days`) are kept
    until the day ends instead: counting them afresh every minute cost a busy
    company's pages a second each time.
    """
    version = freshness.versions_of(freshness.CASES)[freshness.CASES]
    if whole_days:
        moment, seconds = f"{timezone.localdate(now):%Y%m%d}", DAY_FIGURES_KEPT_SECONDS
    else:
        moment, seconds = f"{now:%Y%m%d%H%M}", FIGURES_KEPT_SECONDS
    return cache.get_or_set(f"case-figures:{name}:{version}:{moment}", count, seconds)


REPLAYED_FIELDS = (
    "pk",
    "outcome",
    "requested_outcome",
    "exception_path_id",
    "path_name",
    "path_tier",
    "path_limit_amount",
    "path_limit_unit",
    "path_decision_hours",
    "amount",
    "granted_amount",
    "recorded_by_tier",
    "standing",
    "escalated_at",
    "decided_at",
    "decided_by_tier",
    "clock_paused",
    "policy_revision_id",
)


def draft_replay(*, revision, now: datetime.datetime | None = None) -> Replay:
    """Replay a policy revision (a draft or a submission) over the cases recorded under its
    policy in the last PORTAL_REPLAY_MONTHS months, newest first; withdrawn cases left out.

    Each case counts for what the revision changes against the version in force now.
    Three queries however many cases there are: the cases' facts, the contents of the
    versions they were recorded under and of the version in force, and the cases the
    revision's note cites.
    """
    now = now or timezone.now()
    since = add_months(timezone.localdate(now), -settings.PORTAL_REPLAY_MONTHS)
    policy_id = int(revision.object_id)
    rows = list(
        Precedent.objects.filter(
            policy_id=policy_id,
            recorded_at__gte=datetime.datetime.combine(
                since, datetime.time.min, tzinfo=timezone.get_current_timezone()
            ),
        )
        .not_withdrawn()
        .order_by("-recorded_at", "-pk")
        .values_list(*REPLAYED_FIELDS, named=True)
    )
    in_force = Page.objects.filter(pk=policy_id, live=True).values("live_revision_id")
    recorded_under, live = {}, None
    for pk, content, is_live in (
        Revision.objects.filter(
            Q(pk__in={row.policy_revision_id for row in rows}) | Q(pk__in=in_force)
        )
        .annotate(is_live=Exists(in_force.filter(live_revision_id=OuterRef("pk"))))
        .values_list("pk", "content", "is_live")
    ):
        recorded_under[pk] = PolicyTerms.of_content(content)
        if is_live:
            live = recorded_under[pk]
    cited = set(
        Precedent.objects.filter(driven_revision_notes__revision_id=revision.pk).values_list(
            "pk", flat=True
        )
    )
    return replay(
        (
            (case_facts(row, cited=row.pk in cited), recorded_under[row.policy_revision_id])
            for row in rows
        ),
        draft=PolicyTerms.of_content(revision.content),
        live=live,
        since=since,
    )


def kept_replay(*, revision, now: datetime.datetime | None = None) -> Replay:
    """draft_replay, kept until any case or policy changes or the day ends (see
    kept_until_cases_change): the inbox, the review page and the approval read the same
    figures, computed once. A policy published anew changes the version in force the
    replay compares with."""
    now = now or timezone.now()
    policies = freshness.versions_of(freshness.POLICIES)[freshness.POLICIES]
    return kept_until_cases_change(
        f"replay:{revision.pk}:{policies}",
        lambda: draft_replay(revision=revision, now=now),
        now=now,
        whole_days=True,
    )


def case_facts(row, *, cited: bool) -> CaseFacts:
    path = None
    if row.path_name and row.path_tier is not None:
        path = PathTerms(
            name=row.path_name,
            tier=Tier(row.path_tier),
            limit=row.path_limit_amount,
            unit=row.path_limit_unit,
            decision_hours=row.path_decision_hours or 0,
            key=row.exception_path_id,
        )
    outcome = Outcome(row.outcome)
    return CaseFacts(
        pk=row.pk,
        outcome=outcome,
        requested=requested_of(
            outcome=outcome, requested=row.requested_outcome, has_path=path is not None
        ),
        path=path,
        amount=row.amount,
        recorded_by_tier=None if row.recorded_by_tier is None else Tier(row.recorded_by_tier),
        standing=Standing(row.standing),
        granted_amount=row.granted_amount,
        escalated_at=row.escalated_at,
        decided_at=row.decided_at,
        decided_by_tier=None if row.decided_by_tier is None else Tier(row.decided_by_tier),
        clock_paused=row.clock_paused,
        cited=cited,
    )
