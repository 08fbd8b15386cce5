from pathlib import Path

from django.core.management.base import BaseCommand

from portal.backup import export_portal
from portal.progress import Progress


class Command(BaseCommand):
    help = (
        "Write the whole portal to one file: policies with every revision and change note, "
        "workflow history, cases with their full history, tags, users and groups."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="where to write it, e.g. portal.jsonl.gz")

    def handle(self, *args, file, verbosity, **options):
        progress = Progress(self.stdout, "Exporting", verbosity=verbosity)
        counts = export_portal(file, report=progress)
        progress.finish()
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {sum(counts.values())} rows to {file} "
                f"({counts['policies.policypage']} policies, "
                f"{counts['wagtailcore.revision']} revisions, "
                f"{counts['exceptions.precedent']} cases, {counts['auth.user']} users). "
                "It holds password hashes: keep it as safe as the database."
            )
        )
