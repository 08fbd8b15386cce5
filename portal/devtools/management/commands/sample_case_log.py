from pathlib import Path

from django.core.management.base import BaseCommand

from portal.devtools.demo.exception_log import SAMPLE_LOG, VALID_ROWS, write_sample_log


class Command(BaseCommand):
    help = (
        "Write the demo's sample exception log (XLSX): a few hundred cases under the demo "
        "policies, some broken on purpose, for manage.py import_cases."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", type=Path, default=SAMPLE_LOG)
        parser.add_argument(
            "--rows",
            type=int,
            default=VALID_ROWS,
            help="how many valid rows (50000 for the import's benchmark)",
        )

    def handle(self, *args, path, rows, **options):
        self.stdout.write(f"Wrote {write_sample_log(path, valid_rows=rows)}")
