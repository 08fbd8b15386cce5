"""A draft's replay over the busiest policy's past year, counted afresh (no cache), as the
first approver to open a change after a case changed would wait for it."""

import copy
import statistics
import time
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Revision

from exceptions.models import Precedent
from exceptions.selectors import draft_replay
from policies.choices import Tier
from policies.models import PolicyPage, add_months

TIMES_REPLAYED = 5


def busiest_policy() -> PolicyPage | None:
    """The live policy with the most cases recorded in the replay's window."""
    since = add_months(timezone.localdate(), -settings.PORTAL_REPLAY_MONTHS)
    busiest = (
        Precedent.objects.filter(recorded_at__date__gte=since, policy__live=True)
        .values("policy_id")
        .annotate(cases=Count("pk"))
        .order_by("-cases")
        .first()
    )
    return None if busiest is None else PolicyPage.objects.get(pk=busiest["policy_id"])


def generous_draft(policy: PolicyPage) -> Revision:
    """An unsaved draft of `policy` whose every path goes one tier lower with half as much
    again of its limit: a change that touches as many of its cases as a change can."""
    content = copy.deepcopy(policy.live_revision.content)
    for path in content.get("exception_paths", []):
        path["authority"] = max(Tier.STAFF, path["authority"] - 1)
        if path.get("limit_amount") is not None:
            path["limit_amount"] = str(Decimal(str(path["limit_amount"])) * Decimal("1.5"))
    return Revision(
        content=content,
        object_id=str(policy.pk),
        base_content_type=policy.live_revision.base_content_type,
        content_type=policy.live_revision.content_type,
    )


def replay_cost(*, times: int = TIMES_REPLAYED) -> dict | None:
    """Milliseconds to replay the draft (median and slowest of `times`), its queries, and the
    cases it replayed; None on a database with no case in the window."""
    policy = busiest_policy()
    if policy is None or policy.live_revision is None:
        return None
    draft = generous_draft(policy)
    took = []
    for _number in range(times):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            replayed = draft_replay(revision=draft)
            took.append((time.perf_counter() - started) * 1000)
    return {
        "policy": policy.title,
        "median_ms": statistics.median(took),
        "slowest_ms": max(took),
        "queries": len(queries),
        "cases": replayed.cases_replayed,
        "changed": sum(len(cases) for cases in replayed.cases.values()),
    }


def in_words(cost: dict) -> str:
    return (
        f"draft replay of the busiest policy ({cost['policy']}), counted afresh: "
        f"{cost['median_ms']:.0f} ms median, {cost['slowest_ms']:.0f} ms slowest, "
        f"{cost['queries']} queries, {cost['cases']:,} cases of the last "
        f"{settings.PORTAL_REPLAY_MONTHS} months replayed ({cost['changed']:,} changed)"
    )
