"""What the benchmark learns from a database before it loads any page: the sampled
addresses, each page's queries, and the costs counted afresh without the cache."""

import json
import os
import subprocess
import sys

from django.conf import settings

from portal.devtools.scale.people import BENCH_LOGINS, SCALE_PASSWORD

from . import evidence, ledger, replay
from .load import LoadError
from .pages import PAGES, Sample
from .queries import count_queries
from .report import PageRow


def prepare(host: str) -> dict:
    """The rows of a run still to be measured, with its size and its costs counted afresh.

    Reads the database the settings name; raises LoadError when a page that must
    answer does not.
    """
    sample = Sample.choose()
    urls = {page.name: page.url(sample) for page in PAGES}
    counted = count_queries(
        {page.name: (urls[page.name], BENCH_LOGINS[page.role]) for page in PAGES},
        host=host,
        password=SCALE_PASSWORD,
    )
    rows: list[PageRow] = []
    for page in PAGES:
        count = counted[page.name]
        row: PageRow = {
            "name": page.name,
            "url": urls[page.name],
            "target": page.target,
            "as": BENCH_LOGINS[page.role],
        }
        if count.status == 404 and page.optional:
            row["skipped"] = "not on this branch (404)"
        elif count.status != 200:
            raise LoadError(f"{page.name} ({urls[page.name]}) answered {count.status}.")
        else:
            row["queries"] = count.queries
        rows.append(row)
    return {
        "cases": sample.cases,
        "policies": sample.policies,
        "pages": rows,
        "answer_times": ledger.answer_times_cost(),
        "replay": replay.replay_cost(),
        "evidence": evidence.evidence_cost(),
    }


def prepare_elsewhere(database_url: str) -> dict:
    """prepare() on another database, in a process of its own: this one's connections and
    local cache stay with the database it was started on."""
    completed = subprocess.run(
        [sys.executable, "manage.py", "bench", "--prepare"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise LoadError(f"Reading {database_url} failed:\n{completed.stderr.strip()}")
    return json.loads(completed.stdout)
