"""The demo's sample exception log: built by the dev tools, imported as README shows."""

import io

import pytest
from django.core.management import call_command

from exceptions.case_import.reading import log_rows
from exceptions.models import Precedent
from portal.devtools.demo.exception_log import SAMPLE_LOG, sample_rows
from portal.devtools.demo.users import DEMO_USERS

pytestmark = pytest.mark.django_db

# The rows broken on purpose, by line, and what the import says of each.
BROKEN_LINES = {
    15: "This rule is firm: it is never bent, and has no exception paths.",
    41: "No published policy has the title or slug “Gift wrapping”.",
    67: "The policy had no path “Late return, weeks over” on that date",
    93: "The amount 80 EUR is over every limit of this policy, "
    "and the row does not say who decided it.",
    119: "“2026-02-30” is not a date",
    145: "“31/07/2026” is not a date",
    171: "This needs a supervisor: "
    "“Larger refund without a photo” may only be granted by a supervisor.",
    197: "The situation is empty.",
    202: "The same case as line 152.",
    224: "“Maybe” is not a decision the portal knows.",
    250: "Enter the amount: this path has a limit of 30 days.",
    276: "This rule is firm: it is never bent. Only “rule upheld” can be recorded.",
}


@pytest.fixture(scope="module")
def seeded(module_transaction):
    call_command("seed_demo", stdout=io.StringIO())


def import_sample(**options):
    olivia = DEMO_USERS[4]["username"]
    out = io.StringIO()
    call_command("import_cases", str(SAMPLE_LOG), "--by", olivia, stdout=out, **options)
    return out.getvalue()


def test_the_shipped_file_is_what_the_dev_tools_build():
    shipped = log_rows(file_name=SAMPLE_LOG.name, content=SAMPLE_LOG.read_bytes())
    built = sample_rows()

    assert len(shipped) == len(built) == 313
    assert [[str(cell or "") for cell in row] for row in shipped] == [
        [str(cell or "") for cell in row] for row in built
    ]


def test_a_dry_run_of_the_sample_names_each_broken_row_and_why(seeded):
    out = import_sample(dry_run=True)

    for line, reason in BROKEN_LINES.items():
        assert f"line {line}: {reason}" in out
    reported = [row for row in out.splitlines() if row.startswith("line ")]
    assert len(reported) == len(BROKEN_LINES)
    assert "300 valid, 12 invalid, 0 imported before. Nothing was written." in out
    assert not Precedent.objects.filter(import_key__isnull=False).exists()


def test_the_sample_imports_its_valid_rows_once(seeded):
    before = Precedent.objects.count()

    out = import_sample(skip_invalid=True)
    again = import_sample(skip_invalid=True)

    assert "Imported 300 cases from exception_log.xlsx" in out
    assert (
        "Imported 0 cases from exception_log.xlsx (0 valid, 12 invalid, 300 imported before)"
        in again
    )
    assert Precedent.objects.count() == before + 300
    imported = Precedent.objects.filter(imported_from="exception_log.xlsx")
    assert imported.filter(decided_by__isnull=True).exclude(decided_by_name="").exists()
    assert imported.filter(escalated_at__isnull=False).exists()
