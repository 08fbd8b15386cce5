from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from exceptions.case_import.columns import LogRefused, parse_mapping
from exceptions.case_import.reading import log_rows
from exceptions.case_import.service import ImportReport, import_case_log
from portal.progress import Progress


class Command(BaseCommand):
    help = (
        "Import an exception log kept before the portal (CSV or XLSX) as precedent cases, "
        "each judged by the rules of the policy version in force on its date. Nothing is "
        "written unless every row is valid, or --skip-invalid is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the log, a .csv or .xlsx file")
        parser.add_argument(
            "--by",
            required=True,
            help="username of the policy owner or leader who imports it (the cases' recorder)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="check every row and write nothing"
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the valid rows and list the others",
        )
        parser.add_argument(
            "--map",
            default="",
            help='the log\'s own headers for the fields, e.g. "Opened=date;Rule name=policy"',
        )

    def handle(self, *args, file, by, dry_run, skip_invalid, map, verbosity, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        importer = get_user_model().objects.filter(username=by, is_active=True).first()
        if importer is None:
            raise CommandError(f"No active user is called {by!r}.")
        try:
            report = import_case_log(
                rows=log_rows(file_name=file.name, content=file.read_bytes()),
                file_name=file.name,
                importer=importer,
                mapping=parse_mapping(map),
                dry_run=dry_run,
                skip_invalid=skip_invalid,
                step=lambda label, total: Progress(
                    self.stdout, label, total=total, verbosity=verbosity
                ),
            )
        except (LogRefused, PermissionDenied) as refused:
            raise CommandError(str(refused)) from refused
        self._tell(report, dry_run=dry_run)
        if report.problems and not skip_invalid and not dry_run:
            raise CommandError(
                f"Nothing imported: {len(report.problems)} rows are invalid. "
                "Correct them, or import the others with --skip-invalid."
            )

    def _tell(self, report: ImportReport, *, dry_run: bool) -> None:
        for problem in report.problems:
            self.stdout.write(f"line {problem.line}: {problem.problem}")
        counts = (
            f"{report.importable} valid, {len(report.problems)} invalid, "
            f"{report.already_imported} imported before"
        )
        if dry_run:
            self.stdout.write(f"Dry run of {report.file_name}: {counts}. Nothing was written.")
        elif report.written:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Imported {report.imported} cases from {report.file_name} ({counts})."
                )
            )
