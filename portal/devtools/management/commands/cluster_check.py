import io
import os
import signal
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.devtools.cluster import harness, scenario
from portal.devtools.cluster.checks import Check, CheckFailed

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


class Command(BaseCommand):
    help = (
        "Start two gunicorn servers with production settings on the database of DATABASE_URL "
        "and one Redis cache, HAProxy in front of them, and check directly and through the "
        "balancer that sessions, cases, approved versions and login pauses are shared. "
        "Migrates the database and loads the demo content into it; empties the Redis database "
        "of --redis-url."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--redis-url",
            default=os.environ.get("CLUSTER_REDIS_URL", DEFAULT_REDIS_URL),
            help="The shared cache, emptied first (default: Redis database 15 on the loopback).",
        )
        parser.add_argument("--workers", type=int, default=1, help="gunicorn workers a server.")
        parser.add_argument(
            "--logs", type=Path, default=Path(settings.BASE_DIR) / "var" / "cluster"
        )

    def handle(self, *args, **options):
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("Set DATABASE_URL to a PostgreSQL database: the servers share it.")
        # Stopped from outside, leave through the with statements that stop the servers.
        signal.signal(signal.SIGTERM, lambda *_: exit_on_signal())
        started = time.monotonic()
        self.stdout.write("Preparing the shared database: migrations, demo content, two changes")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("seed_demo", stdout=io.StringIO())
        prepared = scenario.prepare()
        harness.empty_cache(options["redis_url"])
        environment = harness.server_environment(
            database_url=os.environ["DATABASE_URL"], redis_url=options["redis_url"]
        )
        harness.collect_static(environment)
        self.stdout.write("Starting servers a and b (gunicorn, production settings) and HAProxy")
        with harness.running_cluster(
            environment=environment, workers=options["workers"], logs=options["logs"]
        ) as cluster:
            self.stdout.write(
                f"  server a {cluster.a.url}, server b {cluster.b.url}, "
                f"balancer {cluster.balancer.url} ({cluster.haproxy_config})\n"
                f"  one database ({settings.DATABASES['default']['NAME']}), "
                f"one cache ({options['redis_url']}); logs in {options['logs']}"
            )
            failed = [
                check.title
                for check in harness.every_check(cluster, prepared)
                if not self.run(check)
            ]
        took = time.monotonic() - started
        if failed:
            raise CommandError(f"{len(failed)} cluster checks failed ({took:.0f} s).")
        self.stdout.write(self.style.SUCCESS(f"Every cluster check passed ({took:.0f} s)."))

    def run(self, check: Check) -> bool:
        """Run one check and say PASS or FAIL with what it saw; True when it passed."""
        try:
            seen = check.run()
        except CheckFailed as failure:
            self.stdout.write(self.style.ERROR(f"FAIL  {check.title}\n      {failure}"))
            return False
        except OSError as error:
            self.stdout.write(self.style.ERROR(f"FAIL  {check.title}\n      no answer: {error}"))
            return False
        self.stdout.write(self.style.SUCCESS(f"PASS  {check.title}") + f"\n      {seen}")
        return True


def exit_on_signal() -> None:
    raise SystemExit(143)
