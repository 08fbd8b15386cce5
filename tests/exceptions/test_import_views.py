"""The admin's import of an exception log: upload, preview every row, confirm; for policy
owners and leadership only."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from exceptions.models import Precedent
from portal.people import display_name
from tests.hostile import KEPT_TEXT, NUL_BYTE, send

pytestmark = pytest.mark.django_db

URL = reverse("import_cases")
DAY = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()


@pytest.fixture(autouse=True)
def uploads_kept_apart(settings, tmp_path):
    """Files kept between a preview and its confirmation go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path


def csv_log(policy, *extra_rows: str) -> SimpleUploadedFile:
    lines = [
        "Date,Policy,Situation,Decision,Path,Amount,Rationale",
        f"{DAY},{policy.slug},Jacket 5 days late,Granted within a path,Late return,5,Unused.",
        *extra_rows,
    ]
    return SimpleUploadedFile("old log.csv", "\n".join(lines).encode(), content_type="text/csv")


def upload(client, log, **fields):
    return send(client, "post", URL, {"log": log, "mapping": "", **fields})


def confirm(client, preview, **fields):
    form = preview.context["confirm"]
    data = {name: form[name].value() or "" for name in ("upload", "mapping")}
    return send(client, "post", URL, {**data, **fields})


@pytest.mark.parametrize("role", ["owner", "leader"])
def test_owners_and_leadership_upload_preview_and_confirm(client, request, policy, role, tmp_path):
    client.force_login(request.getfixturevalue(role))
    assert "Import cases" in send(client, "get", reverse("wagtailadmin_home")).body_text

    preview = upload(
        client,
        csv_log(policy, f"{DAY},{policy.slug},Sofa,Granted within a path,Late return,90,Asked."),
    )

    assert preview.status_code == 200
    page = preview.body_text
    assert "1 row can be imported." in page
    assert "1 row is invalid." in page
    assert "The amount 90 days is over every limit of this policy" in page
    assert not Precedent.objects.exists(), "the preview changes nothing"

    refused = confirm(client, preview)
    assert "Nothing was imported: some rows are invalid." in refused.body_text
    assert not Precedent.objects.exists(), "all or nothing"

    done = confirm(client, preview, skip_invalid="on")
    assert "Imported 1 cases from old log.csv." in done.body_text
    assert Precedent.objects.get().imported_from == "old log.csv"
    assert not any(tmp_path.rglob("*.csv")), "the kept file goes once it is imported"


def test_an_imported_case_shows_where_it_came_from_and_who_decided_it(client, owner, policy, staff):
    client.force_login(owner)
    log = SimpleUploadedFile(
        "old log.csv",
        "Date,Policy,Situation,Decision,Path,Amount,Decided by,Decider's tier,Rationale\n"
        f"2019-04-01,{policy.slug},Sofa,Granted within a path,Refund without receipt,90,"
        "Marta Kowalski,Supervisor,Found in the account.\n".encode(),
    )
    confirm(client, upload(client, log))
    client.force_login(staff)

    page = send(client, "get", Precedent.objects.get().get_absolute_url()).body_text

    assert "Marta Kowalski (supervisor), 1 Apr 2019" in page
    assert "old log.csv · recorded before the policy was in the portal" in page
    imported = f"1 Apr 2019 in the exception log; imported by {display_name(owner)}"
    assert imported in page


def test_a_confirmation_is_taken_once(client, owner, policy):
    client.force_login(owner)
    preview = upload(client, csv_log(policy))
    confirm(client, preview)

    again = confirm(client, preview)

    assert "This preview has expired: upload the file again." in again.body_text
    assert Precedent.objects.count() == 1


@pytest.mark.parametrize("role", ["staff", "supervisor", "outsider"])
def test_other_roles_are_turned_away(client, request, policy, role):
    client.force_login(request.getfixturevalue(role))

    for method in ("get", "post"):
        response = send(client, method, URL, {"log": csv_log(policy)} if method == "post" else None)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert not Precedent.objects.exists()


def test_admin_users_without_the_import_permission_are_sent_back_to_the_dashboard(
    client, policy, owner
):
    owner.groups.clear()
    owner.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(owner)

    for method in ("get", "post"):
        response = send(client, method, URL)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
    assert "Import cases" not in send(client, "get", reverse("wagtailadmin_home")).body_text


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"log": SimpleUploadedFile("log.txt", b"Date\n")}, "log", "Choose a CSV or an XLSX file."),
        (
            {"log": SimpleUploadedFile("log.xlsx", b"not a workbook")},
            "log",
            "This file cannot be read as an XLSX workbook.",
        ),
        (
            {"log": SimpleUploadedFile("log.csv", "Datum\n".encode("utf-16"))},
            "log",
            "This file cannot be read as CSV",
        ),
        (
            {"log": SimpleUploadedFile("log.csv", b"When,What\n1,2\n")},
            "log",
            "No column holds the date, policy",
        ),
        ({"log": SimpleUploadedFile("log.csv", b"")}, "log", "The submitted file is empty."),
        (
            {"log": SimpleUploadedFile("log.csv", b"Date\n" + b"2025-01-01\n" * 50_000)},
            "log",
            "This file is larger than 500 kB: import it with manage.py import_cases.",
        ),
        ({"mapping": "Opened=when"}, "mapping", "does not map a header to a field"),
        ({"mapping": NUL_BYTE}, "mapping", "Null characters are not allowed."),
        ({"mapping": "x" * 1001}, "mapping", "Ensure this value has at most 1000 characters"),
    ],
)
def test_a_bad_upload_is_refused_next_to_its_field(client, owner, policy, fields, field, message):
    client.force_login(owner)

    response = upload(client, fields.pop("log", csv_log(policy)), **fields)

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Precedent.objects.exists()


def test_hostile_cells_are_shown_as_text_in_the_preview(client, owner, policy):
    client.force_login(owner)
    rows = [
        f'{DAY},"{text.replace(chr(34), chr(34) * 2)}",x,Upheld,,,y' for text in KEPT_TEXT.values()
    ]

    response = upload(client, csv_log(policy, *rows))

    assert response.status_code == 200
    assert "<script>alert(" not in response.body_text
    assert len(response.context["report"].problems) == len(KEPT_TEXT)


def test_a_hand_made_confirmation_is_refused(client, owner, policy):
    client.force_login(owner)

    for upload_key in ["", "0" * 32, NUL_BYTE, KEPT_TEXT["script tag"]]:
        response = send(client, "post", URL, {"upload": upload_key, "mapping": ""})
        assert "This preview has expired" in response.body_text
    assert not Precedent.objects.exists()
