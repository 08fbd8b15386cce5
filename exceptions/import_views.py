"""The admin's import of an exception log: upload, preview every row, confirm.

The uploaded file is kept in the media storage between the preview and the
confirmation (every app server reads the same storage), under a name only the
uploader's session knows; it is deleted once imported or replaced by another.
"""

import uuid
from pathlib import PurePath

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from portal.decorators import allowed_if

from .admin_forms import CaseLogForm, ConfirmCaseLogForm
from .case_import.columns import LogRefused
from .case_import.reading import log_rows
from .case_import.service import ImportReport, import_case_log
from .permissions import may_import_cases

UPLOADS = "case-imports"
SESSION_KEY = "case_import"
# The preview lists every invalid row and this many of the others.
PREVIEWED_VALID_ROWS = 500


@allowed_if(may_import_cases)
def import_cases(request):
    if request.method == "POST" and "upload" in request.POST:
        return _confirm(request)
    form = CaseLogForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        log = form.cleaned_data["log"]
        content = log.read()
        report = _run(
            form,
            "log",
            file_name=log.name,
            content=content,
            request=request,
            mapping=form.cleaned_data["mapping"],
            dry_run=True,
        )
        if report is not None:
            confirm = ConfirmCaseLogForm(
                initial={
                    "upload": _keep(request, name=log.name, content=content),
                    "mapping": form.data.get("mapping", ""),
                    "skip_invalid": form.cleaned_data["skip_invalid"],
                }
            )
            return _preview(request, report, confirm)
    return _upload_page(request, form)


def _confirm(request):
    form = ConfirmCaseLogForm(request.POST)
    kept = request.session.get(SESSION_KEY, {})
    if (
        not form.is_valid()
        or form.cleaned_data["upload"] != kept.get("upload")
        or not default_storage.exists(kept["path"])
    ):
        messages.error(request, _("This preview has expired: upload the file again."))
        return _upload_page(request, CaseLogForm())
    with default_storage.open(kept["path"], "rb") as stored:
        content = stored.read()
    report = _run(
        form,
        None,
        file_name=kept["name"],
        content=content,
        request=request,
        mapping=form.cleaned_data["mapping"],
        skip_invalid=form.cleaned_data["skip_invalid"],
    )
    if report is None:
        messages.error(request, " ".join(str(error) for error in form.non_field_errors()))
        return _upload_page(request, CaseLogForm())
    if not report.written:
        messages.error(
            request,
            _("Nothing was imported: some rows are invalid. Correct them, or skip them."),
        )
        return _preview(request, report, form)
    _forget(request)
    messages.success(
        request,
        _("Imported %(count)s cases from %(file)s.")
        % {"count": report.imported, "file": report.file_name},
    )
    return _preview(request, report, None)


def _run(form, field, *, file_name, content, request, mapping, **options) -> ImportReport | None:
    """Run the import on the file's content, or put the reason it cannot be read on `form`."""
    try:
        return import_case_log(
            rows=log_rows(file_name=file_name, content=content),
            file_name=file_name,
            importer=request.user,
            mapping=mapping,
            **options,
        )
    except LogRefused as refused:
        form.add_error(field, refused.message)
        return None


def _preview(request, report: ImportReport, confirm):
    valid = [result for result in report.results if not result.problem]
    return TemplateResponse(
        request,
        "exceptions/admin/import_preview.html",
        {
            "report": report,
            "confirm": confirm,
            "valid_rows": valid[:PREVIEWED_VALID_ROWS],
            "valid_rows_not_shown": max(len(valid) - PREVIEWED_VALID_ROWS, 0),
        },
    )


def _upload_page(request, form):
    return TemplateResponse(request, "exceptions/admin/import_cases.html", {"form": form})


def _keep(request, *, name: str, content: bytes) -> str:
    """Store the uploaded file until it is confirmed; return the key the confirmation sends."""
    _forget(request)
    upload = uuid.uuid4().hex
    path = default_storage.save(
        f"{UPLOADS}/{upload}{PurePath(name).suffix.casefold()}", ContentFile(content)
    )
    request.session[SESSION_KEY] = {"upload": upload, "path": path, "name": name[:255]}
    return upload


def _forget(request) -> None:
    kept = request.session.pop(SESSION_KEY, None)
    if kept:
        default_storage.delete(kept["path"])
