"""The answer-time ledger's own cost: counted afresh, as on the first request after a case
changes, with the cache out of the way."""

import statistics
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from exceptions.answer_times import answer_times

TIMES_COUNTED = 5


def answer_times_cost(*, times: int = TIMES_COUNTED) -> dict:
    """Milliseconds to count the ledger (median and slowest of `times`), its queries, and
    how much it counted: path-and-tier rows and the escalations behind them."""
    took = []
    for _number in range(times):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            ledger = answer_times()
            took.append((time.perf_counter() - started) * 1000)
    return {
        "median_ms": statistics.median(took),
        "slowest_ms": max(took),
        "queries": len(queries),
        "rows": len(ledger),
        "escalations": sum(figures.cases for figures in ledger.values()),
    }


def in_words(cost: dict) -> str:
    return (
        f"answer-time ledger, counted afresh: {cost['median_ms']:.1f} ms median, "
        f"{cost['slowest_ms']:.1f} ms slowest, {cost['queries']} queries, "
        f"{cost['rows']} paths and tiers from {cost['escalations']:,} escalations "
        "decided in the last 90 days"
    )
