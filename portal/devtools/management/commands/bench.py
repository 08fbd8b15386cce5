import contextlib
import os
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.devtools.bench import evidence, ledger, replay, report
from portal.devtools.bench.load import (
    Load,
    LoadError,
    Measured,
    WrkRun,
    run_wrk,
    sign_in,
    warm_up,
    wrk_path,
)
from portal.devtools.bench.pages import PAGES, Sample
from portal.devtools.bench.queries import count_queries
from portal.devtools.bench.server import Gunicorn
from portal.devtools.scale.people import BENCH_LOGINS, SCALE_PASSWORD


class Command(BaseCommand):
    help = (
        "Measure every page of pages.PAGES with wrk against gunicorn (production settings) on a "
        "database seeded by seed_scale: p50, p95, requests/s, p95 against the floor, queries per "
        "request and worker memory. Saves the run as JSON; --compare A.json B.json sets two runs "
        "side by side."
    )

    def add_arguments(self, parser):
        parser.add_argument("--compare", nargs=2, metavar=("SMALL.json", "LARGE.json"))
        parser.add_argument(
            "--quick",
            action="store_true",
            help="One connection, one second a page, no warm-up: checks that the bench runs.",
        )
        parser.add_argument("--url", help="Measure this running server instead of gunicorn.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
        parser.add_argument("--connections", type=int, default=2, help="wrk connections.")
        parser.add_argument("--seconds", type=int, default=10, help="Measured seconds a page.")
        parser.add_argument("--warmup", type=int, default=2, help="Unmeasured seconds first.")
        parser.add_argument(
            "--rounds", type=int, default=5, help="Rounds over all pages that share the seconds."
        )
        parser.add_argument("--label", default="", help="A name for this run, e.g. large.")
        parser.add_argument(
            "--output", type=Path, default=Path(settings.BASE_DIR) / "var" / "bench"
        )

    def handle(self, *args, **options):
        if options["compare"]:
            self.stdout.write(report.compare(*options["compare"]))
            return
        if options["quick"]:
            options.update(connections=1, seconds=1, warmup=0, rounds=1)
        load = Load(
            connections=options["connections"],
            seconds=options["seconds"],
            warmup_seconds=options["warmup"],
            rounds=max(1, min(options["rounds"], options["seconds"])),
        )
        try:
            wrk_path()
            run = self.measure(options, load)
        except LoadError as error:
            raise CommandError(str(error)) from error
        report.with_ratios(run)
        self.stdout.write(report.table(run))
        self.stdout.write(f"\nSaved to {report.save(run, options['output'])}")

    def measure(self, options, load: Load) -> dict:
        sample = Sample.choose()
        urls = {page.name: page.url(sample) for page in PAGES}
        host = urlsplit(options["url"]).hostname if options["url"] else "127.0.0.1"
        counted = count_queries(
            {page.name: (urls[page.name], BENCH_LOGINS[page.role]) for page in PAGES},
            host=host,
            password=SCALE_PASSWORD,
        )
        answer_times = ledger.answer_times_cost()
        replay_cost = replay.replay_cost()
        evidence_cost = evidence.evidence_cost()
        rows = []
        for page in PAGES:
            count = counted[page.name]
            row: report.PageRow = {
                "name": page.name,
                "url": urls[page.name],
                "target": page.target,
                "as": BENCH_LOGINS[page.role],
            }
            if count.status == 404 and page.optional:
                row["skipped"] = "not on this branch (404)"
            elif count.status != 200:
                raise CommandError(f"{page.name} ({urls[page.name]}) answered {count.status}.")
            else:
                row["queries"] = count.queries
            rows.append(row)
        server = (
            None
            if options["url"]
            else Gunicorn(workers=options["workers"], log=options["output"] / "gunicorn.log")
        )
        load_before = os.getloadavg()[0]
        with server or contextlib.nullcontext():
            base = (server.url if server else options["url"]).rstrip("/")
            measured = [row for row in rows if not row.get("skipped")]
            cookies = {
                username: sign_in(base, username, SCALE_PASSWORD)
                for username in {row["as"] for row in measured}
            }
            for row in measured:
                warm_up(base + row["url"], cookies[row["as"]], load)
            runs: dict[str, list[WrkRun]] = {row["name"]: [] for row in measured}
            for number in range(1, load.rounds + 1):
                self.stderr.write(f"round {number} of {load.rounds} …")
                for row in measured:
                    seconds = load.seconds // load.rounds
                    runs[row["name"]].append(
                        run_wrk(base + row["url"], cookies[row["as"]], load.connections, seconds)
                    )
            for row in measured:
                result = Measured.merge(runs[row["name"]])
                row.update(
                    {
                        "p50_ms": result.p50_ms,
                        "p95_ms": result.p95_ms,
                        "p99_ms": result.p99_ms,
                        "per_second": result.per_second,
                        "requests": result.requests,
                        "failed_requests": result.errors + result.non_2xx,
                    }
                )
            memory = [vars(w) for w in server.worker_memory()] if server else []
        return {
            "label": options["label"] or f"{sample.cases:,} cases",
            "started": timezone.now().isoformat(timespec="seconds"),
            "cases": sample.cases,
            "policies": sample.policies,
            "workers": None if options["url"] else options["workers"],
            "connections": load.connections,
            "seconds": load.seconds,
            "rounds": load.rounds,
            "load_average": [load_before, os.getloadavg()[0]],
            "pages": rows,
            "memory": memory,
            "answer_times": answer_times,
            "replay": replay_cost,
            "evidence": evidence_cost,
        }
