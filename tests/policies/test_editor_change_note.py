"""The owner's side of a change: the change note in a tab of its own, kept with a draft,
required once the change goes towards live; the search-engine fields left to administrators.

Each test submits the editor's own form, every field as rendered, as a browser does.
"""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Revision
from wagtail.test.utils.form_data import rich_text

from policies.choices import ChangeKind
from policies.models import PolicyPage, RevisionNote
from tests.exceptions.factories import record_case
from tests.policies.editor import (
    create_url,
    edit_url,
    policy_form_data,
    rendered_editor_form,
    rendered_form,
    submit_and_approve,
)
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

NOTE = {
    "change_summary": "Window extended to 45 days after many late-return cases.",
    "change_kind": ChangeKind.SUBSTANTIVE,
    "no_case_drove_it": "on",
}


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", is_superuser=True)


def latest(policy) -> PolicyPage:
    return PolicyPage.objects.get(pk=policy.pk)


def note_fields(data) -> dict:
    """The change note as the rendered editor form would send it."""
    return {
        "change_summary": data.get("change_summary", ""),
        "change_kind": data.get("change_kind"),
        "driven_by": data.getlist("driven_by"),
        "no_case_drove_it": data.get("no_case_drove_it"),
    }


def tabs(html: str) -> dict[str, list[str]]:
    """Each tab of the editor by its heading, with the names of the fields inside it."""
    page = BeautifulSoup(html, "html.parser")
    headings = {
        str(link["id"]): str(link.contents[0]).strip() for link in page.select("[role=tab]")
    }
    return {
        headings[str(panel["aria-labelledby"])]: sorted(
            {str(field["name"]) for field in panel.select("[name]")}
        )
        for panel in page.select("section[role=tabpanel]")
    }


def test_the_change_note_has_a_tab_of_its_own_after_the_exception_paths(
    client, owner, staff, policy
):
    record_case(policy, staff, granted=False)
    client.force_login(owner)

    html = client.get(edit_url(policy)).content.decode()

    editor_tabs = tabs(html)
    assert list(editor_tabs) == ["Rule", "Exception paths", "Change note", "Ownership and review"]
    note_names = {"change_summary", "change_kind", "driven_by", "no_case_drove_it"}
    assert note_names <= set(editor_tabs["Change note"])
    assert not note_names & set(editor_tabs["Rule"])
    assert "Needed when you submit for approval" in html


@pytest.mark.parametrize("cites_the_case", [True, False])
def test_a_draft_keeps_its_note_when_the_editor_is_reopened(
    client, owner, staff, policy, cites_the_case
):
    case = record_case(policy, staff, granted=False)
    client.force_login(owner)
    typed = {
        "change_summary": "Late returns: 21 days.",
        "change_kind": ChangeKind.SUBSTANTIVE,
        "driven_by": [str(case.pk)] if cites_the_case else [],
        "no_case_drove_it": None if cites_the_case else "on",
    }
    data = policy_form_data(client, policy, **{k: v for k, v in typed.items() if v is not None})

    assert client.post(edit_url(policy), data).status_code == 302

    assert note_fields(rendered_editor_form(client, policy)) == typed
    assert latest(policy).live_revision_id == policy.live_revision_id


def test_the_change_note_links_to_what_saying_no_costs_under_the_policy(client, owner, policy):
    client.force_login(owner)

    html = client.get(edit_url(policy)).content.decode()

    assert f'href="/insights/evidence/{policy.pk}/#cost"' in html
    assert "See what saying no has cost under this policy" in html


def test_a_draft_citing_cases_older_than_those_offered_keeps_them_when_saved_again(
    client, owner, staff, policy, monkeypatch
):
    monkeypatch.setattr("policies.forms.CITABLE_CASES_SHOWN", 1)
    oldest = record_case(policy, staff, granted=False)
    record_case(policy, staff, granted=False)
    draft = latest(policy).get_latest_revision_as_object()
    draft.pending_revision_note = {
        "summary": "Cites the oldest.",
        "kind": ChangeKind.SUBSTANTIVE,
        "driven_by": [oldest.pk],
    }
    draft.save_revision(user=owner)
    client.force_login(owner)

    assert client.post(edit_url(policy), rendered_editor_form(client, policy)).status_code == 302

    note = RevisionNote.objects.get(revision=latest(policy).latest_revision)
    assert list(note.driven_by.values_list("pk", flat=True)) == [oldest.pk]


def test_once_the_change_is_live_the_next_one_starts_with_an_empty_note(
    client, owner, leader, policy
):
    submit_and_approve(client, policy, owner=owner, leader=leader, summary="Now 45 days.")
    client.force_login(owner)

    assert note_fields(rendered_editor_form(client, policy)) == {
        "change_summary": "",
        "change_kind": None,
        "driven_by": [],
        "no_case_drove_it": None,
    }


def test_a_plain_draft_needs_no_note_and_gets_none(client, owner, policy):
    client.force_login(owner)
    data = policy_form_data(client, policy, summary="Unused items: 45 days.")

    assert client.post(edit_url(policy), data).status_code == 302

    draft = latest(policy).latest_revision
    assert draft.as_object().summary == "Unused items: 45 days."
    assert not RevisionNote.objects.filter(revision=draft).exists()


@pytest.mark.parametrize(
    ("typed", "field", "message"),
    [
        ({"change_summary": "Half a note."}, "change_kind", "keep this note with the draft"),
        ({"change_kind": ChangeKind.EDITORIAL}, "change_summary", "keep this note with the draft"),
        (
            {"change_summary": "Longer window.", "change_kind": ChangeKind.SUBSTANTIVE},
            "driven_by",
            "cites the cases that drove it",
        ),
    ],
)
def test_a_note_typed_on_a_draft_is_whole(client, owner, policy, typed, field, message):
    client.force_login(owner)
    revisions_before = Revision.objects.count()

    response = client.post(edit_url(policy), policy_form_data(client, policy, **typed))

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert Revision.objects.count() == revisions_before


def test_submitting_without_a_note_says_what_is_missing_next_to_the_fields(client, owner, policy):
    client.force_login(owner)

    response = client.post(
        edit_url(policy), policy_form_data(client, policy, action="action-submit")
    )

    errors = response.context["form"].errors
    assert errors["change_summary"] == ["Say what changed and why before you submit for approval."]
    assert errors["change_kind"] == [
        "Say whether the change is substantive or editorial before you submit for approval."
    ]
    assert "Say what changed and why before you submit for approval." in response.content.decode()
    assert not latest(policy).workflow_in_progress


def test_a_draft_saved_without_a_note_cannot_then_be_submitted_without_one(client, owner, policy):
    client.force_login(owner)
    client.post(edit_url(policy), policy_form_data(client, policy, summary="Now 45 days."))

    response = client.post(
        edit_url(policy), policy_form_data(client, policy, action="action-submit")
    )

    assert response.status_code == 200
    assert "change_summary" in response.context["form"].errors
    assert not latest(policy).workflow_in_progress


def test_a_draft_saved_with_a_note_is_submitted_with_it_untouched(client, owner, policy):
    client.force_login(owner)
    client.post(edit_url(policy), policy_form_data(client, policy, summary="Now 45 days.", **NOTE))

    response = client.post(
        edit_url(policy), policy_form_data(client, policy, action="action-submit")
    )

    assert response.status_code == 302
    policy = latest(policy)
    assert policy.workflow_in_progress
    submitted = policy.current_workflow_task_state.revision
    assert submitted.as_object().summary == "Now 45 days."
    assert submitted.policy_note.summary == NOTE["change_summary"]
    assert submitted.policy_note.no_case_drove_it


def test_saving_while_the_change_waits_for_approval_keeps_a_note(client, owner, policy):
    client.force_login(owner)
    client.post(edit_url(policy), policy_form_data(client, policy, action="action-submit", **NOTE))
    submitted = latest(policy).current_workflow_task_state.revision

    response = client.post(
        edit_url(policy), policy_form_data(client, policy, summary="Edited.", change_summary="")
    )

    assert "this version is what will be approved" in str(response.context["form"].errors)
    assert latest(policy).current_workflow_task_state.revision == submitted


def test_an_administrator_publishing_directly_gives_a_note_too(client, administrator, policy):
    client.force_login(administrator)

    response = client.post(
        edit_url(policy), policy_form_data(client, policy, action="action-publish", summary="X.")
    )

    assert response.context["form"].errors["change_summary"] == [
        "Say what changed and why before you publish."
    ]
    assert latest(policy).summary != "X."


def test_the_search_engine_fields_are_for_administrators_only(client, owner, administrator, policy):
    client.force_login(owner)
    owners_form = rendered_editor_form(client, policy)
    client.force_login(administrator)
    administrators_form = rendered_editor_form(client, policy)

    promoted = {"slug", "seo_title", "search_description", "show_in_menus"}
    assert not promoted & set(owners_form)
    assert {"slug", "seo_title", "search_description"} <= set(administrators_form)
    assert "Promote" in tabs(client.get(edit_url(policy)).content.decode())


def test_an_owner_s_edit_keeps_the_slug_and_title_tag_it_does_not_send(client, owner, policy):
    PolicyPage.objects.filter(pk=policy.pk).update(seo_title="Returns | Customer care")
    client.force_login(owner)

    response = client.post(
        edit_url(policy), policy_form_data(client, policy, action="action-submit", **NOTE)
    )

    assert response.status_code == 302
    submitted = latest(policy).latest_revision.as_object()
    assert (submitted.slug, submitted.seo_title) == (policy.slug, "Returns | Customer care")


def test_an_owner_creates_a_policy_whose_slug_comes_from_its_title(client, owner, area):
    client.force_login(owner)
    data = rendered_form(client, create_url(area))
    data.update(
        {
            "title": "Gift cards never expire",
            "summary": "A gift card can be used at any time.",
            "rule": rich_text("<p>Gift cards have no expiry date.</p>"),
            "rationale": rich_text("<p>The law forbids expiry dates on gift cards.</p>"),
            "change_summary": "First version.",
            "change_kind": ChangeKind.SUBSTANTIVE,
            "no_case_drove_it": "on",
            "action-submit": "1",
        }
    )

    response = client.post(create_url(area), data)

    assert response.status_code == 302
    created = PolicyPage.objects.get(title="Gift cards never expire")
    assert created.slug == "gift-cards-never-expire"
    assert created.workflow_in_progress
    assert created.latest_revision.policy_note.summary == "First version."
