import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from portal import roles
from portal.devtools.bench.exports import Downloads
from portal.devtools.bench.load import LoadError, Measured, run_wrk, sign_in, wrk_path
from portal.devtools.bench.server import Gunicorn
from portal.devtools.scale.people import BENCH_LOGINS, SCALE_PASSWORD
from portal.devtools.scale.text import RARE_TERM

# Pages read while the exports run: the login page, a staff page, a search.
PAGES = {
    "login": "/accounts/login/",
    "case list": "/cases/",
    "search (rare word)": f"/search/?q={RARE_TERM}",
}
SAMPLE_SECONDS = 0.25


class Command(BaseCommand):
    help = (
        "Export every case as CSV through gunicorn (production settings) on a database seeded "
        "by seed_scale, N downloads at once, one after another while other pages are measured: "
        "each download's time and lines, each worker's resident memory through the run, and "
        "the other pages' p95 alone and during the exports."
    )

    def add_arguments(self, parser):
        parser.add_argument("--exports", type=int, default=2, help="Downloads at once.")
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers.")
        parser.add_argument("--seconds", type=int, default=10, help="Measured seconds a page.")

    def handle(self, *args, **options):
        try:
            wrk_path()
            self.measure(options)
        except LoadError as error:
            raise CommandError(str(error)) from error

    def measure(self, options):
        log = Path(settings.BASE_DIR) / "var" / "bench" / "gunicorn-exports.log"
        with Gunicorn(workers=options["workers"], log=log) as server:
            cookie = sign_in(server.url, BENCH_LOGINS[roles.STAFF], SCALE_PASSWORD)
            alone = {
                name: self.p95(server.url + url, cookie, options) for name, url in PAGES.items()
            }
            memory: dict[int, list[float]] = {}
            stop = threading.Event()
            sampler = threading.Thread(target=self.sample, args=(server, memory, stop))
            sampler.start()
            export_url = server.url + reverse("exceptions:export")
            downloads = Downloads(export_url, cookie, options["exports"]).start()
            time.sleep(0.5)
            during = {
                name: self.p95(server.url + url, cookie, options) for name, url in PAGES.items()
            }
            results = downloads.stop()
            stop.set()
            sampler.join()
        for number, result in enumerate(results, 1):
            self.stdout.write(
                f"export {number}: HTTP {result.status}, {result.lines - 1:,} cases, "
                f"{result.size_mb:.0f} MB in {result.seconds:.1f} s "
                f"(first byte after {result.first_byte_seconds:.2f} s) {result.error}"
            )
        for pid, samples in memory.items():
            self.stdout.write(
                f"worker {pid}: {samples[0]:.0f} MB before, {max(samples):.0f} MB at most, "
                f"{samples[-1]:.0f} MB after"
            )
        for name in PAGES:
            self.stdout.write(
                f"{name}: p95 {alone[name]:.0f} ms alone, {during[name]:.0f} ms during "
                f"{options['exports']} exports"
            )

    def p95(self, url: str, cookie: str, options) -> float:
        return Measured.merge([run_wrk(url, cookie, 2, options["seconds"])]).p95_ms

    def sample(self, server: Gunicorn, memory: dict, stop: threading.Event) -> None:
        while not stop.is_set():
            for worker in server.worker_memory():
                memory.setdefault(worker.pid, []).append(worker.rss_mb)
            stop.wait(SAMPLE_SECONDS)
