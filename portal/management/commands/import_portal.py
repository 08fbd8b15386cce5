from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from portal.backup import ImportRefused, import_portal
from portal.progress import Progress


class Command(BaseCommand):
    help = (
        "Load a file written by export_portal into a freshly migrated, empty database, "
        "then rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="a file written by export_portal")

    def handle(self, *args, file, verbosity, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        progress = Progress(self.stdout, "Importing", verbosity=verbosity)
        try:
            counts = import_portal(file, report=progress)
        except ImportRefused as refusal:
            raise CommandError(str(refusal)) from refusal
        progress.finish()
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {sum(counts.values())} rows from {file} and rebuilt the search index."
            )
        )
