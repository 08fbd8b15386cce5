"""Policies read from Word documents saved as drafts: never live, noted, all or none."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from wagtail.models import PageLogEntry

from policies.choices import ChangeKind, Tier
from policies.models import PolicyPage
from policies.services import (
    approve_policy_revision,
    import_policy_drafts,
    submit_policy_revision,
)
from policies.word_import.reading import read_policy_document
from portal.devtools.demo.word_documents import Heading, Table
from tests.policies.factories import PolicyIndexPageFactory
from tests.policies.word_import.documents import policy_document

pytestmark = pytest.mark.django_db

PATHS = Table(
    ("Path", "Who may grant", "Limit", "When it applies", "What to record"),
    (("Late return", "Staff", "14 days", "Asked soon after.", "The reason."),),
)


def imported(title="Returns within 30 days", name="returns.docx"):
    content = policy_document(Heading("Exceptions"), PATHS, title=title)
    return read_policy_document(name=name, content=content)


def test_each_document_becomes_a_draft_with_its_fields_and_paths(area, owner):
    [draft] = import_policy_drafts(area=area, documents=[imported()], author=owner)

    draft = PolicyPage.objects.get(pk=draft.pk)
    assert draft.get_parent().pk == area.pk
    assert not draft.live
    assert draft.has_unpublished_changes
    assert draft.owner == owner
    assert draft.summary == "Unused items come back within 30 days."
    assert "Returned stock must still be sellable." in draft.rationale
    assert [
        (path.name, path.authority, path.limit_in_words) for path in draft.exception_paths.all()
    ] == [("Late return", Tier.STAFF, "up to 14 days")]


def test_the_drafts_revision_carries_its_change_note(area, owner):
    [draft] = import_policy_drafts(area=area, documents=[imported()], author=owner)

    revision = draft.get_latest_revision()
    assert revision.user == owner
    assert revision.policy_note.summary == "Imported from returns.docx"
    assert revision.policy_note.kind == ChangeKind.SUBSTANTIVE
    assert revision.policy_note.no_case_drove_it
    actions = PageLogEntry.objects.filter(page=draft).values_list("action", flat=True)
    assert set(actions) == {"wagtail.create", "wagtail.edit"}


def test_staff_never_see_an_imported_draft(area, owner, staff):
    [draft] = import_policy_drafts(area=area, documents=[imported()], author=owner)
    browser = Client()
    browser.force_login(staff)

    assert browser.get(draft.url).status_code == 404
    assert "Returns within 30 days" not in browser.get(area.url).content.decode()
    assert "Returns within 30 days" not in browser.get("/policies/").content.decode()


def test_a_draft_goes_live_only_through_approval(area, owner, leader, staff):
    [draft] = import_policy_drafts(area=area, documents=[imported()], author=owner)

    submit_policy_revision(
        policy=draft,
        author=owner,
        summary="Imported from returns.docx",
        kind=ChangeKind.SUBSTANTIVE,
    )
    approve_policy_revision(policy=PolicyPage.objects.get(pk=draft.pk), approver=leader)

    browser = Client()
    browser.force_login(staff)
    page = browser.get(PolicyPage.objects.get(pk=draft.pk).url)
    assert page.status_code == 200
    assert "Late return" in page.content.decode()


def test_a_title_already_in_the_area_refuses_the_whole_batch(area, owner, policy):
    documents = [imported(title="Exchanges", name="a.docx"), imported(name="b.docx")]

    with pytest.raises(ValidationError) as refusal:
        import_policy_drafts(area=area, documents=documents, author=owner)

    assert refusal.value.messages == [
        "b.docx: a policy titled “Returns within 30 days” is in this area already."
    ]
    assert not PolicyPage.objects.filter(title="Exchanges").exists()


def test_the_same_title_twice_in_one_batch_is_refused(area, owner):
    documents = [imported(name="a.docx"), imported(title="RETURNS WITHIN 30 DAYS", name="b.docx")]

    with pytest.raises(ValidationError, match=r"b\.docx"):
        import_policy_drafts(area=area, documents=documents, author=owner)

    assert not PolicyPage.objects.exists()


def test_someone_who_may_not_add_policies_to_the_area_is_refused(area, staff, supervisor):
    for person in (staff, supervisor):
        with pytest.raises(PermissionDenied):
            import_policy_drafts(area=area, documents=[imported()], author=person)

    assert not PolicyPage.objects.exists()


def test_leadership_imports_into_any_area(leader):
    other_area = PolicyIndexPageFactory(title="Billing")

    [draft] = import_policy_drafts(area=other_area, documents=[imported()], author=leader)

    assert draft.get_parent().pk == other_area.pk
