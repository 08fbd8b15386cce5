from pathlib import Path

from django.core.management.base import BaseCommand

from portal.devtools.demo.exception_log import SAMPLE_LOG, write_sample_log


class Command(BaseCommand):
    help = (
        "Write the demo's sample exception log (XLSX): a few hundred cases under the demo "
        "policies, some broken on purpose, for manage.py import_cases."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=SAMPLE_LOG)

    def handle(self, *args, path, **options):
        self.stdout.write(f"Wrote {write_sample_log(path)}")
