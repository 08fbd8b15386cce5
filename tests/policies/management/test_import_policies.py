"""`manage.py import_policies DIR --area <slug>`: drafts from a folder, all or none."""

import io

import pytest
from django.core.management import CommandError, call_command

from policies.models import PolicyPage
from tests.policies.word_import.documents import policy_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "returns.docx").write_bytes(policy_document())
    (tmp_path / "exchanges.DOCX").write_bytes(policy_document(title="Exchanges"))
    # What Word leaves beside an open document, and files that are no documents.
    (tmp_path / "~$returns.docx").write_bytes(b"lock")
    (tmp_path / "notes.txt").write_text("not a policy")
    return tmp_path


def run(*args):
    out = io.StringIO()
    call_command("import_policies", *map(str, args), stdout=out)
    return out.getvalue()


def test_each_document_in_the_folder_becomes_a_draft_owned_by_the_owner(folder, area, owner):
    output = run(folder, "--area", area.slug, "--owner", owner.username)

    drafts = PolicyPage.objects.child_of(area).order_by("title")
    assert [(draft.title, draft.live, draft.owner) for draft in drafts] == [
        ("Exchanges", False, owner),
        ("Returns within 30 days", False, owner),
    ]
    assert f"returns.docx → Returns within 30 days  /admin/pages/{drafts[1].pk}/edit/" in output
    assert "Reading documents" in output
    assert "Saving drafts" in output
    assert "Imported 2 draft policies into Refunds and returns" in output


def test_without_an_owner_the_drafts_have_none(folder, area):
    run(folder, "--area", area.slug)

    assert not PolicyPage.objects.filter(owner__isnull=False).exists()
    assert PolicyPage.objects.count() == 2


def test_a_dry_run_reports_and_saves_nothing(folder, area):
    output = run(folder, "--area", area.slug, "--dry-run")

    assert "Would import 2 draft policies" in output
    assert "/admin/pages/" not in output
    assert not PolicyPage.objects.exists()


def test_one_bad_file_stops_the_whole_folder_with_its_reason(folder, area):
    (folder / "broken.docx").write_bytes(b"not a zip")

    with pytest.raises(CommandError) as refusal:
        run(folder, "--area", area.slug)

    assert str(refusal.value) == (
        "Nothing was imported:\nbroken.docx: This is not a Word document (.docx)."
    )
    assert not PolicyPage.objects.exists()


def test_importing_the_same_folder_again_adds_nothing(folder, area):
    run(folder, "--area", area.slug)

    with pytest.raises(CommandError, match="is in this area already"):
        run(folder, "--area", area.slug)

    assert PolicyPage.objects.count() == 2


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--area", "no-such-area"], "No policy area has the slug 'no-such-area'"),
        (["--area", "refunds-and-returns", "--owner", "nobody"], "Nobody has the username"),
        (["--area", "refunds-and-returns", "--owner", "staff"], "may not add policies"),
    ],
)
def test_a_wrong_area_or_owner_is_refused(folder, area, staff, arguments, message):
    with pytest.raises(CommandError, match=message):
        run(folder, *arguments)

    assert not PolicyPage.objects.exists()


def test_a_folder_without_documents_is_refused(tmp_path, area):
    with pytest.raises(CommandError, match=r"holds no \.docx files"):
        run(tmp_path, "--area", area.slug)
    with pytest.raises(CommandError, match="neither a folder nor a file"):
        run(tmp_path / "missing", "--area", area.slug)


def test_one_file_may_be_named_instead_of_a_folder(folder, area):
    output = run(folder / "returns.docx", "--area", area.slug)

    assert "Imported 1 draft policy into Refunds and returns" in output
    assert list(PolicyPage.objects.values_list("title", flat=True)) == ["Returns within 30 days"]
