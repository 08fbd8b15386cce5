"""An exception log's rows as tablib reads them from a CSV or an XLSX file."""

import csv
from pathlib import PurePath

import tablib  # type: ignore[import-untyped]  # tablib ships no types
from django.utils.translation import gettext as _

from .columns import LogRefused

FORMATS = {".csv": "csv", ".xlsx": "xlsx"}


def log_rows(*, file_name: str, content: bytes) -> list[tuple]:
    """The rows of the file, its header row first; LogRefused when it cannot be read."""
    file_format = FORMATS.get(PurePath(file_name).suffix.casefold())
    if file_format is None:
        raise LogRefused(_("Choose a CSV or an XLSX file."))
    try:
        if file_format == "csv":
            text = content.decode("utf-8-sig")
            # Spreadsheets saved in many European languages separate cells with semicolons:
            # the header row's most frequent separator is the file's.
            header = text.partition("\n")[0]
            delimiter = max(",;\t", key=header.count)
            data = tablib.Dataset().load(text, format="csv", headers=False, delimiter=delimiter)
        else:
            data = tablib.Dataset().load(content, format="xlsx", headers=False)
    except tablib.InvalidDimensions:
        raise LogRefused(
            _("The rows of this file do not all have as many cells as its header row.")
        ) from None
    except (UnicodeDecodeError, csv.Error):
        raise LogRefused(_("This file cannot be read as CSV: save it as UTF-8 text.")) from None
    except Exception:
        # openpyxl raises many kinds of error for a file that is not a workbook.
        raise LogRefused(_("This file cannot be read as an XLSX workbook.")) from None
    return [tuple(row) for row in data]
