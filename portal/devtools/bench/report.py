"""The benchmark's table, its JSON file, and the comparison of two runs."""

import json
from pathlib import Path
from typing import NotRequired, TypedDict

from . import evidence, ledger, replay
from .pages import FLOOR

# Targets between two sizes of the same company: a page's p95 at the larger within this
# many times its p95 at the smaller.
SIZE_RATIO_TARGET = 1.2
# Every page, read from what an earlier request kept (as the bench counts it), costs
# what the floor does: the session, the user and the request's transaction.
MAX_QUERIES = 4
MAX_WORKER_MB = 250

# One page's line of a run: what was asked of it, then what was measured ("as" is
# the login it was measured as, a keyword in Python, hence this form of TypedDict).
PageRow = TypedDict(
    "PageRow",
    {
        "name": str,
        "url": str,
        "target": float | None,
        "as": str,
        "skipped": NotRequired[str],
        "queries": NotRequired[int],
        "p50_ms": NotRequired[float],
        "p95_ms": NotRequired[float],
        "p99_ms": NotRequired[float],
        "per_second": NotRequired[float],
        "requests": NotRequired[int],
        "failed_requests": NotRequired[int],
        "ratio": NotRequired[float],
        "meets": NotRequired[bool],
    },
)


def with_ratios(run: dict) -> dict:
    """Add each page's p95 as a multiple of the floor's, and whether it meets its target."""
    floor = next((row for row in run["pages"] if row["name"] == FLOOR), None)
    floor_p95 = floor["p95_ms"] if floor and floor.get("p95_ms") else None
    for row in run["pages"]:
        if row.get("p95_ms") is None or not floor_p95:
            continue
        row["ratio"] = row["p95_ms"] / floor_p95
        meets = row["target"] is None or row["ratio"] <= row["target"]
        row["meets"] = meets and row["queries"] <= MAX_QUERIES and not row["failed_requests"]
    return run


def table(run: dict) -> str:
    server = f"{run['workers']} gunicorn workers" if run["workers"] else "a running server"
    before, after = run["load_average"]
    lines = [
        f"{run['label']}: {run['cases']:,} cases, {run['policies']:,} policies; {server}, "
        f"{run['connections']} connections, {run['seconds']} s a page in {run['rounds']} rounds",
        f"load average {before:.1f} before, {after:.1f} after: other work on the machine "
        "slows every page alike",
        "",
        f"{'page':<24} {'as':<17} {'p50 ms':>8} {'p95 ms':>8} {'req/s':>8} {'p95/floor':>10} "
        f"{'target':>7} {'queries':>8}  result",
    ]
    for row in run["pages"]:
        if row.get("skipped"):
            lines.append(f"{row['name']:<24} {'':>80}  skipped: {row['skipped']}")
            continue
        target = f"≤{row['target']:g}×" if row["target"] else ""
        ratio = f"{row['ratio']:.1f}×" if "ratio" in row else ""
        result = "ok" if row.get("meets", True) else "MISSED"
        if row["failed_requests"]:
            result += f" ({row['failed_requests']} failed requests)"
        lines.append(
            f"{row['name']:<24} {row['as']:<17} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
            f"{row['per_second']:>8.0f} {ratio:>10} {target:>7} {row['queries']:>8}  {result}"
        )
    if run.get("answer_times"):
        lines.extend(["", ledger.in_words(run["answer_times"])])
    if run.get("replay"):
        lines.append(replay.in_words(run["replay"]))
    if run.get("evidence"):
        lines.append(evidence.in_words(run["evidence"]))
    if run["memory"]:
        lines.append("")
        for worker in run["memory"]:
            verdict = "ok" if worker["rss_mb"] < MAX_WORKER_MB else "MISSED"
            lines.append(
                f"worker {worker['pid']}: {worker['rss_mb']:.0f} MB resident after the run, "
                f"peak {worker['peak_rss_mb']:.0f} MB (target < {MAX_WORKER_MB} MB): {verdict}"
            )
    return "\n".join(lines)


def save(run: dict, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{run['started'].replace(':', '')}-{run['cases']}-cases.json"
    path.write_text(json.dumps(run, indent=2) + "\n")
    return path


def compare(small_path: Path, large_path: Path) -> str:
    """compare_runs() of two saved runs."""
    return compare_runs(*(json.loads(Path(path).read_text()) for path in (small_path, large_path)))


def compare_runs(small: dict, large: dict) -> str:
    """Per page: p95 at both sizes, their ratio, and the query counts.

    The ratios of the pages' p95/floor and of their medians are shown too: when
    other work loads the machine differently during the two runs, they compare
    the pages' own costs better than the p95 does. Runs measured in the same
    rounds (bench --beside) are loaded alike, and compare best.
    """
    large_rows = {row["name"]: row for row in large["pages"]}
    floors = [_floor_p95(run) for run in (small, large)]
    lines = [
        f"A: {small['label']} ({small['cases']:,} cases)   B: {large['label']} "
        f"({large['cases']:,} cases)",
        "",
        f"{'page':<24} {'p95 A ms':>9} {'p95 B ms':>9} {'B/A':>6} {'B/A of p95/floor':>17} "
        f"{'B/A of p50':>11} {'queries A/B':>12}  result",
    ]
    for row in small["pages"]:
        other = large_rows.get(row["name"])
        if other is None or row.get("skipped") or other.get("skipped"):
            lines.append(f"{row['name']:<24} {'':>70}  not measured in both")
            continue
        ratio = other["p95_ms"] / row["p95_ms"]
        normalised = f"{ratio * floors[0] / floors[1]:.2f}×" if all(floors) else ""
        same_queries = row["queries"] == other["queries"]
        result = "ok" if ratio <= SIZE_RATIO_TARGET and same_queries else "MISSED"
        median = other["p50_ms"] / row["p50_ms"]
        lines.append(
            f"{row['name']:<24} {row['p95_ms']:>9.1f} {other['p95_ms']:>9.1f} {ratio:>5.2f}× "
            f"{normalised:>17} {median:>10.2f}× {row['queries']:>5}/{other['queries']:<6}  {result}"
        )
    return "\n".join(lines)


def _floor_p95(run: dict) -> float | None:
    return next((row.get("p95_ms") for row in run["pages"] if row["name"] == FLOOR), None)
