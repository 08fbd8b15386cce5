"""The evidence's own cost: counted afresh, as on the first request after a case changes,
with the cache out of the way."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.insights.evidence import evidence

TIMES_COUNTED = 3


def evidence_cost(*, times: int = TIMES_COUNTED) -> dict:
    """Milliseconds to count every figure of the evidence pages (median and slowest of
    `times`), its queries, and what it found."""
    took = []
    for _number in range(times):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            found = evidence(now=timezone.now())
            took.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": statistics.median(took),
        "slowest_ms": max(took),
        "queries": len(queries),
        "paths": len(found.limits),
        "suggestions": len(found.suggestions),
        "proposals": len(found.proposals),
    }


def in_words(cost: dict) -> str:
    return (
        f"evidence, counted afresh: {cost['median_ms']:.1f} ms median, "
        f"{cost['slowest_ms']:.1f} ms slowest, {cost['queries']} queries, "
        f"{cost['paths']} paths with escalations above their limit, "
        f"{cost['suggestions']} suggested limits, {cost['proposals']} proposed paths"
    )
