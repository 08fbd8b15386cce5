"""The admin's upload of Word documents: owners and leadership import drafts, nobody else."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from policies.models import PolicyPage
from tests.hostile import UNKNOWN_IDS, send
from tests.policies.word_import.documents import policy_document

pytestmark = pytest.mark.django_db

URL = reverse("policies_import")


def upload(name="returns.docx", content=None):
    return SimpleUploadedFile(name, policy_document() if content is None else content)


@pytest.mark.parametrize("role", ["owner", "leader"])
def test_owners_and_leadership_import_drafts_and_see_each_linked_to_its_editor(
    client, request, area, role
):
    client.force_login(request.getfixturevalue(role))
    assert "Import from Word" in client.get(reverse("wagtailadmin_home")).content.decode()
    assert area.title in client.get(URL).content.decode()

    response = client.post(
        URL,
        {
            "area": area.id,
            "documents": [upload(), upload("exchanges.docx", policy_document(title="Exchanges"))],
        },
    )

    html = response.content.decode()
    drafts = PolicyPage.objects.child_of(area).order_by("title")
    assert [(draft.title, draft.live) for draft in drafts] == [
        ("Exchanges", False),
        ("Returns within 30 days", False),
    ]
    assert "2 draft policies were created" in html
    for draft in drafts:
        assert reverse("wagtailadmin_pages:edit", args=[draft.pk]) in html
    assert "from exchanges.docx" in html
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[drafts[0].pk])).content.decode()
    assert "Imported from exchanges.docx" in editor


@pytest.mark.parametrize("role", ["staff", "supervisor", "outsider"])
def test_other_roles_are_turned_away_and_nothing_is_saved(client, request, area, role):
    client.force_login(request.getfixturevalue(role))

    for response in (client.get(URL), client.post(URL, {"area": area.id, "documents": upload()})):
        assert response.status_code == 302
        assert response["Location"] == f"/admin/login/?next={URL}"
    assert not PolicyPage.objects.exists()


def test_bad_files_are_named_with_their_reasons_next_to_the_field_and_nothing_is_saved(
    client, owner, area
):
    client.force_login(owner)

    response = client.post(
        URL,
        {
            "area": area.id,
            "documents": [
                upload(),
                upload("scan.pdf", b"%PDF-1.7"),
                upload("blank.docx", b""),
            ],
        },
    )

    assert response.status_code == 200
    errors = response.context["form"].errors["documents"]
    assert errors == [
        "scan.pdf: This is not a Word document (.docx).",
        "blank.docx: The submitted file is empty.",
    ]
    html = response.content.decode()
    assert "scan.pdf: This is not a Word document (.docx)." in html
    assert f'<option value="{area.id}" selected>' in html
    assert not PolicyPage.objects.exists()


def test_a_title_already_in_the_area_is_refused_next_to_the_field(client, owner, area, policy):
    client.force_login(owner)

    response = client.post(URL, {"area": area.id, "documents": upload()})

    assert response.context["form"].errors["documents"] == [
        "returns.docx: a policy titled “Returns within 30 days” is in this area already."
    ]
    assert PolicyPage.objects.count() == 1


def test_a_form_without_files_or_area_says_what_is_missing(client, owner):
    client.force_login(owner)

    response = client.post(URL, {})

    assert response.context["form"].errors == {
        "area": ["This field is required."],
        "documents": ["This field is required."],
    }


def test_too_many_files_at_once_are_refused(client, owner, area):
    client.force_login(owner)
    documents = [upload(f"policy-{number}.docx") for number in range(21)]

    response = client.post(URL, {"area": area.id, "documents": documents})

    assert response.context["form"].errors["documents"] == [
        "Upload at most 20 documents at a time."
    ]
    assert not PolicyPage.objects.exists()


@pytest.mark.parametrize("role", ["owner", "leader"])
def test_an_area_named_by_a_hostile_value_is_refused_next_to_the_field(client, request, area, role):
    client.force_login(request.getfixturevalue(role))

    for value in [*UNKNOWN_IDS, str(2**64), "", "<script>alert(1)</script>"]:
        response = send(client, "post", URL, {"area": value, "documents": upload()})

        assert response.status_code == 200, value
        assert "area" in response.context["form"].errors, value
    assert not PolicyPage.objects.exists()


def test_a_file_name_that_looks_like_markup_is_shown_as_text(client, owner, area):
    client.force_login(owner)

    response = send(
        client,
        "post",
        URL,
        {"area": area.id, "documents": upload("<img src=x onerror=alert(1)>.pdf", b"x")},
    )

    assert "<img src=x" not in response.body_text
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in response.body_text
