import contextlib
import json
import os
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from portal.devtools.bench import report
from portal.devtools.bench.load import Load, LoadError, sign_in, wrk_path
from portal.devtools.bench.prepare import prepare, prepare_elsewhere
from portal.devtools.bench.rounds import Target, press
from portal.devtools.bench.server import Gunicorn
from portal.devtools.scale.people import SCALE_PASSWORD


class Command(BaseCommand):
    help = (
        "Measure every page of pages.PAGES with wrk against gunicorn (production settings) on a "
        "database seeded by seed_scale: p50, p95, requests/s, p95 against the floor, queries per "
        "request and worker memory. Saves the run as JSON; --compare A.json B.json sets two runs "
        "side by side; --beside DATABASE_URL measures a second database in the same rounds and "
        "compares the two."
    )

    def add_arguments(self, parser):
        parser.add_argument("--compare", nargs=2, metavar=("SMALL.json", "LARGE.json"))
        parser.add_argument(
            "--beside",
            metavar="DATABASE_URL",
            help="Also measure this database (a larger company), each page on both in turn.",
        )
        parser.add_argument(
            "--prepare",
            action="store_true",
            help="Only print, as JSON, each page's address and queries and the costs counted "
            "afresh (what --beside reads from its second database).",
        )
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
        host = urlsplit(options["url"]).hostname if options["url"] else "127.0.0.1"
        if options["compare"]:
            self.stdout.write(report.compare(*options["compare"]))
            return
        if options["beside"] and options["url"]:
            raise CommandError("--beside starts a server for each database: leave out --url.")
        if options["quick"]:
            options.update(connections=1, seconds=1, warmup=0, rounds=1)
        load = Load(
            connections=options["connections"],
            seconds=options["seconds"],
            warmup_seconds=options["warmup"],
            rounds=max(1, min(options["rounds"], options["seconds"])),
            # Among the workers of the gunicorn it starts; a running server is loaded as is.
            connection_per_request=not options["url"],
        )
        try:
            if options["prepare"]:
                self.stdout.write(json.dumps(prepare(host)))
                return
            wrk_path()
            runs = self.measure(options, load, host)
        except LoadError as error:
            raise CommandError(str(error)) from error
        for run in runs:
            report.with_ratios(run)
            self.stdout.write(report.table(run))
            self.stdout.write(f"\nSaved to {report.save(run, options['output'])}\n\n")
        if len(runs) == 2:
            self.stdout.write(report.compare_runs(*runs))

    def measure(self, options, load: Load, host: str) -> list[dict]:
        """One run per database: this one, and the one --beside names."""
        runs = [prepare(host)]
        if options["beside"]:
            runs.append(prepare_elsewhere(options["beside"]))
        load_before = os.getloadavg()[0]
        databases = [os.environ.get("DATABASE_URL", ""), options["beside"]][: len(runs)]
        with contextlib.ExitStack() as stack:
            servers = [
                stack.enter_context(
                    Gunicorn(
                        workers=options["workers"],
                        log=options["output"] / f"gunicorn-{run['cases']}-cases.log",
                        environment={**os.environ, "DATABASE_URL": database},
                    )
                )
                for run, database in zip(runs, databases, strict=True)
                if not options["url"]
            ]
            bases = [server.url for server in servers] or [options["url"].rstrip("/")]
            groups = self.targets(runs, bases)
            measured = press(groups, load, self.stderr.write)
            memory = [[vars(w) for w in server.worker_memory()] for server in servers]
        for number, run in enumerate(runs):
            for row in run["pages"]:
                if (number, row["name"]) not in measured:
                    row.setdefault("skipped", "not measured on the other database (404)")
                    continue
                result = measured[number, row["name"]]
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
            size = f"{run['cases']:,} cases"
            run.update(
                {
                    "label": ", ".join(filter(None, [options["label"], size])),
                    "started": timezone.now().isoformat(timespec="seconds"),
                    "workers": None if options["url"] else options["workers"],
                    "connections": load.connections,
                    "seconds": load.seconds,
                    "rounds": load.rounds,
                    "load_average": [load_before, os.getloadavg()[0]],
                    "memory": memory[number] if servers else [],
                }
            )
        return runs

    def targets(self, runs: list[dict], bases: list[str]) -> list[list[Target]]:
        """Per page, that page on every server, each signed in as the page's login."""
        cookies = [
            {
                username: sign_in(base, username, SCALE_PASSWORD)
                for username in {row["as"] for row in run["pages"] if not row.get("skipped")}
            }
            for run, base in zip(runs, bases, strict=True)
        ]
        groups = []
        for number, row in enumerate(runs[0]["pages"]):
            if any(run["pages"][number].get("skipped") for run in runs):
                continue
            groups.append(
                [
                    Target(
                        key=(index, row["name"]),
                        url=bases[index] + run["pages"][number]["url"],
                        cookie=cookies[index][row["as"]],
                    )
                    for index, run in enumerate(runs)
                ]
            )
        return groups
