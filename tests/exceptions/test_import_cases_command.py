"""manage.py import_cases: the same import as the admin's, from the command line."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from exceptions.models import Precedent

pytestmark = pytest.mark.django_db

DAY = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()


@pytest.fixture
def log(tmp_path, policy):
    path = tmp_path / "old-log.csv"
    path.write_text(
        "Opened;Rule;What happened;Decision;Path;Amount;Why\n"
        f"{DAY};{policy.title};Jacket 5 days late;Granted within a path;Late return;5;Unused.\n"
        f"{DAY};{policy.title};Sofa;Granted within a path;Late return;90;Asked.\n"
    )
    return path


MAPPING = "Opened=date;Rule=policy;What happened=situation;Why=rationale"


def import_cases(*args):
    out = io.StringIO()
    call_command("import_cases", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_lists_the_invalid_rows_and_writes_nothing(log, owner):
    out = import_cases(str(log), "--by", "owner", "--map", MAPPING, "--dry-run")

    assert "line 3: The amount 90 days is over every limit of this policy" in out
    assert (
        "Dry run of old-log.csv: 1 valid, 1 invalid, 0 imported before. Nothing was written." in out
    )
    assert not Precedent.objects.exists()


def test_an_invalid_row_imports_nothing(log, owner):
    with pytest.raises(CommandError, match="Nothing imported: 1 rows are invalid"):
        import_cases(str(log), "--by", "owner", "--map", MAPPING)

    assert not Precedent.objects.exists()


def test_skipping_invalid_rows_imports_the_others_once(log, owner):
    out = import_cases(str(log), "--by", "owner", "--map", MAPPING, "--skip-invalid")
    again = import_cases(str(log), "--by", "owner", "--map", MAPPING, "--skip-invalid")

    assert "Imported 1 cases from old-log.csv" in out
    assert "Imported 0 cases from old-log.csv (0 valid, 1 invalid, 1 imported before)" in again
    assert Precedent.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "nobody"], "No active user is called 'nobody'."),
        (["--by", "staff"], "Only policy owners and leadership import exception logs."),
        (["--by", "owner"], "No column holds the date, situation."),
        (["--by", "owner", "--map", "Opened=when"], "does not map a header to a field"),
    ],
)
def test_what_cannot_be_imported_is_refused_with_the_reason(log, owner, staff, args, message):
    with pytest.raises(CommandError, match=message):
        import_cases(str(log), *args)


def test_a_missing_file_is_refused(owner, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        import_cases(str(tmp_path / "missing.xlsx"), "--by", "owner")
