from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from policies.models import PolicyIndexPage
from policies.services import import_policy_drafts
from policies.word_import.reading import (
    MAX_DOCUMENT_BYTES,
    ImportedPolicy,
    UnreadableDocument,
    read_policy_document,
)
from portal.progress import Progress

# Word keeps a hidden lock file, "~$" and the name, beside each document it has open.
WORD_LOCK_FILE = "~$"


class Command(BaseCommand):
    help = (
        "Read each Word document (.docx) in a folder as a draft policy in one policy area. "
        "Nothing goes live: each draft is checked and submitted for approval in the admin. "
        "All documents are imported or, if any cannot be, none."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a folder of .docx files, or one file")
        parser.add_argument("--area", required=True, help="the policy area's slug")
        parser.add_argument(
            "--owner", help="the username who owns the drafts and submits them (default: none)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and check everything, save nothing"
        )

    def handle(self, *args, folder, area, owner, dry_run, verbosity, **options):
        policy_area = PolicyIndexPage.objects.filter(slug=area).first()
        if policy_area is None:
            raise CommandError(f"No policy area has the slug {area!r}.")
        author = None
        if owner is not None:
            author = get_user_model().objects.filter(username=owner).first()
            if author is None:
                raise CommandError(f"Nobody has the username {owner!r}.")
        documents = self.read(word_files(folder), verbosity=verbosity)
        saving = Progress(self.stdout, "Saving drafts", total=len(documents), verbosity=verbosity)
        try:
            with transaction.atomic():
                drafts = import_policy_drafts(
                    area=policy_area, documents=documents, author=author, progress=saving.advance
                )
                transaction.set_rollback(dry_run)
        except (ValidationError, PermissionDenied) as refusal:
            raise CommandError(nothing_imported(refusal_messages(refusal))) from None
        saving.finish()
        for document, draft in zip(documents, drafts, strict=True):
            where = "" if dry_run else "  " + reverse("wagtailadmin_pages:edit", args=[draft.pk])
            self.stdout.write(f"{document.file_name} → {draft.title}{where}")
            for note in document.notes:
                self.stdout.write(f"    {note}")
        verb = "Would import" if dry_run else "Imported"
        policies = "policy" if len(drafts) == 1 else "policies"
        self.stdout.write(
            self.style.SUCCESS(
                f"{verb} {len(drafts)} draft {policies} into {policy_area.title}; "
                "each goes live only once submitted and approved."
            )
        )

    def read(self, files: list[Path], *, verbosity: int) -> list[ImportedPolicy]:
        reading = Progress(self.stdout, "Reading documents", total=len(files), verbosity=verbosity)
        documents, problems = [], []
        for path in files:
            with path.open("rb") as file:
                content = file.read(MAX_DOCUMENT_BYTES + 1)
            try:
                documents.append(read_policy_document(name=path.name, content=content))
            except UnreadableDocument as refusal:
                problems.append(f"{path.name}: {refusal.reason}")
            reading.advance()
        reading.finish()
        if problems:
            raise CommandError(nothing_imported(problems))
        return documents


def word_files(folder: Path) -> list[Path]:
    """The .docx files in `folder` by name (or `folder` itself, a file), lock files left out."""
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        raise CommandError(f"{folder} is neither a folder nor a file.")
    files = sorted(
        path
        for path in folder.iterdir()
        if path.is_file()
        and path.suffix.lower() == ".docx"
        and not path.name.startswith(WORD_LOCK_FILE)
    )
    if not files:
        raise CommandError(f"{folder} holds no .docx files.")
    return files


def refusal_messages(refusal: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(refusal, ValidationError):
        return refusal.messages
    return [str(refusal)]


def nothing_imported(problems: list[str]) -> str:
    return "\n".join(["Nothing was imported:", *problems])
