"""Policy owners edit in the Wagtail admin; every version carries its change note.

Each test submits the edit page's own form, every field as rendered, as a browser does.
"""

import importlib

import pytest
from django.apps import apps as django_apps
from django.urls import reverse
from wagtail.models import Revision

from policies.choices import ChangeKind, Flexibility
from policies.models import ExceptionPath, PolicyPage, RevisionNote
from tests.exceptions.factories import record_case
from tests.policies.editor import edit_url, policy_form_data, submit_and_approve
from tests.policies.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


def test_owner_submits_a_change_with_its_summary_for_approval(client, owner, policy):
    client.force_login(owner)
    data = policy_form_data(
        client,
        policy,
        action="action-submit",
        summary="Unused items can be returned within 45 days.",
        change_summary="Window extended to 45 days after many late-return cases.",
        change_kind=ChangeKind.SUBSTANTIVE,
        no_case_drove_it="on",
    )

    response = client.post(edit_url(policy), data)

    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.workflow_in_progress
    note = policy.latest_revision.policy_note
    assert note.summary == "Window extended to 45 days after many late-return cases."
    assert note.kind == ChangeKind.SUBSTANTIVE
    assert policy.summary == "Unused items can be returned within 30 days."  # not live yet


def test_a_change_without_summary_is_refused_and_keeps_what_was_typed(client, owner, policy):
    client.force_login(owner)
    revisions_before = Revision.objects.count()
    data = policy_form_data(client, policy, action="action-submit", summary="Typed but not saved.")

    response = client.post(edit_url(policy), data)

    assert response.status_code == 200
    form = response.context["form"]
    assert "change_summary" in form.errors
    assert "change_kind" in form.errors
    assert "Typed but not saved." in response.content.decode()
    assert Revision.objects.count() == revisions_before


def test_owner_cannot_publish_directly(client, owner, policy):
    client.force_login(owner)
    data = policy_form_data(
        client,
        policy,
        action="action-publish",
        summary="Published without approval.",
        change_summary="Trying to skip approval.",
        change_kind=ChangeKind.EDITORIAL,
    )

    client.post(edit_url(policy), data)

    policy.refresh_from_db()
    assert policy.summary != "Published without approval."
    assert not PolicyPage.objects.filter(summary="Published without approval.").exists()


def test_publish_button_is_not_offered_to_owners(client, owner, policy):
    client.force_login(owner)

    html = client.get(edit_url(policy)).content.decode()

    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_leadership_cannot_bypass_approval_with_a_hand_made_publish(client, leader, policy):
    client.force_login(leader)
    data = policy_form_data(
        client,
        policy,
        action="action-publish",
        summary="Published by hand.",
        change_summary="Skipping the workflow.",
        change_kind=ChangeKind.EDITORIAL,
    )

    client.post(edit_url(policy), data)

    policy.refresh_from_db()
    assert policy.summary != "Published by hand."
    assert not RevisionNote.objects.filter(summary="Skipping the workflow.").exists()


def test_leadership_approval_publishes_and_keeps_the_summary(client, owner, leader, policy):
    client.force_login(owner)
    client.post(
        edit_url(policy),
        policy_form_data(
            client,
            policy,
            action="action-submit",
            summary="Unused items can be returned within 45 days.",
            change_summary="Window extended to 45 days.",
            change_kind=ChangeKind.SUBSTANTIVE,
            no_case_drove_it="on",
        ),
    )
    policy.refresh_from_db()
    submitted = policy.latest_revision
    task_state = policy.current_workflow_task_state

    client.force_login(leader)
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[policy.pk, "approve", task_state.pk],
        ),
        {"comment": ""},
    )

    policy.refresh_from_db()
    assert policy.summary == "Unused items can be returned within 45 days."
    assert policy.live_revision == submitted
    assert policy.live_revision.policy_note.summary == "Window extended to 45 days."


def test_owner_cannot_approve_a_submission(client, owner, policy):
    client.force_login(owner)
    client.post(
        edit_url(policy),
        policy_form_data(
            client,
            policy,
            action="action-submit",
            summary="Self-approved change.",
            change_summary="Please approve.",
            change_kind=ChangeKind.EDITORIAL,
        ),
    )
    policy.refresh_from_db()
    task_state = policy.current_workflow_task_state

    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[policy.pk, "approve", task_state.pk]),
        {"comment": ""},
    )

    policy.refresh_from_db()
    assert policy.summary != "Self-approved change."
    assert policy.workflow_in_progress


def test_firm_policy_with_exception_paths_is_a_validation_error(client, owner, policy):
    client.force_login(owner)
    data = policy_form_data(
        client,
        policy,
        action="action-submit",
        flexibility=Flexibility.FIRM,
        change_summary="Made firm.",
        change_kind=ChangeKind.SUBSTANTIVE,
        no_case_drove_it="on",
    )

    response = client.post(edit_url(policy), data)

    assert response.status_code == 200
    assert "cannot have exception paths" in str(response.context["form"].errors["flexibility"])
    policy.refresh_from_db()
    assert not policy.workflow_in_progress


def test_firm_policy_without_paths_is_accepted(client, owner, policy):
    client.force_login(owner)
    data = policy_form_data(
        client,
        policy,
        action="action-submit",
        flexibility=Flexibility.FIRM,
        change_summary="Made firm: the law now forbids exceptions.",
        change_kind=ChangeKind.SUBSTANTIVE,
        no_case_drove_it="on",
    )
    for index in range(policy.exception_paths.count()):
        data[f"exception_paths-{index}-DELETE"] = "1"

    response = client.post(edit_url(policy), data)

    assert response.status_code == 302
    policy.refresh_from_db()
    submitted = policy.latest_revision.as_object()
    assert submitted.flexibility == Flexibility.FIRM
    assert list(submitted.exception_paths.all()) == []


def test_exception_paths_are_saved_inside_each_revision(client, owner, policy):
    client.force_login(owner)
    data = policy_form_data(
        client,
        policy,
        action="action-submit",
        change_summary="Late returns up to 21 days.",
        change_kind=ChangeKind.SUBSTANTIVE,
        no_case_drove_it="on",
    )
    data["exception_paths-0-limit_amount"] = "21"

    client.post(edit_url(policy), data)

    policy.refresh_from_db()
    draft = policy.latest_revision.as_object()
    live = policy.live_revision.as_object()
    assert draft.exception_paths.all()[0].limit_amount == 21
    assert live.exception_paths.all()[0].limit_amount == 14


def cite_form(client, policy, **changes):
    return policy_form_data(
        client,
        policy,
        action="action-submit",
        summary="Late returns up to 21 days.",
        change_summary="Late returns extended after repeated escalations.",
        **changes,
    )


def test_a_substantive_change_must_cite_a_case_or_say_none_did(client, owner, policy):
    client.force_login(owner)

    response = client.post(edit_url(policy), cite_form(client, policy, change_kind="substantive"))

    assert "cites the cases that drove it" in str(response.context["form"].errors["driven_by"])
    policy.refresh_from_db()
    assert not policy.workflow_in_progress


def test_an_editorial_change_may_cite_no_case(client, owner, policy):
    client.force_login(owner)

    response = client.post(edit_url(policy), cite_form(client, policy, change_kind="editorial"))

    assert response.status_code == 302
    note = PolicyPage.objects.get(pk=policy.pk).latest_revision.policy_note
    assert (note.kind, list(note.driven_by.all()), note.no_case_drove_it) == (
        "editorial",
        [],
        False,
    )


def test_owner_cites_the_cases_under_the_policy_that_drove_the_change(
    client, owner, staff, policy, area, leader
):
    first = record_case(policy, staff, path_name="Late return", amount="3")
    second = record_case(policy, staff, granted=False, situation="Coat 20 days late.")
    elsewhere = record_case(
        PolicyPageFactory(area=area, owner=owner, approver=leader), staff, granted=False
    )
    client.force_login(owner)
    choices = client.get(edit_url(policy)).context["form"].fields["driven_by"].queryset
    assert list(choices) == [second, first]
    assert elsewhere not in choices

    client.post(
        edit_url(policy),
        {
            **cite_form(client, policy, change_kind="substantive"),
            "driven_by": [first.pk, second.pk],
        },
    )

    note = PolicyPage.objects.get(pk=policy.pk).latest_revision.policy_note
    assert sorted(case.pk for case in note.driven_by.all()) == sorted([first.pk, second.pk])


def test_a_case_from_another_policy_cannot_be_cited(client, owner, staff, policy, area, leader):
    elsewhere = record_case(
        PolicyPageFactory(area=area, owner=owner, approver=leader), staff, granted=False
    )
    client.force_login(owner)

    response = client.post(
        edit_url(policy),
        {**cite_form(client, policy, change_kind="substantive"), "driven_by": [elsewhere.pk]},
    )

    assert "driven_by" in response.context["form"].errors


def test_citing_cases_and_ticking_none_is_contradictory(client, owner, staff, policy):
    case = record_case(policy, staff, granted=False)
    client.force_login(owner)

    response = client.post(
        edit_url(policy),
        {
            **cite_form(client, policy, change_kind="substantive", no_case_drove_it="on"),
            "driven_by": [case.pk],
        },
    )

    assert "no_case_drove_it" in response.context["form"].errors


def listed_paths(client, policy) -> list[str]:
    """The exception paths the live policy page lists, top to bottom."""
    return [path.name for path in client.get(policy.url).context["exception_paths"]]


def test_the_editor_keeps_the_order_of_the_paths(client, owner, leader, staff, policy):
    client.force_login(owner)
    rendered = policy_form_data(client, policy)
    assert [rendered[f"exception_paths-{index}-name"] for index in range(2)] == [
        "Late return",
        "Refund without receipt",
    ]

    submit_and_approve(
        client, policy, owner=owner, leader=leader, **{"exception_paths-1-limit_amount": "200"}
    )

    client.force_login(staff)
    assert listed_paths(client, policy) == ["Late return", "Refund without receipt"]
    assert list(
        ExceptionPath.objects.filter(page=policy)
        .order_by("sort_order")
        .values_list("name", "sort_order")
    ) == [("Late return", 0), ("Refund without receipt", 1)]


def test_moving_a_path_in_the_editor_moves_it_on_the_page(client, owner, leader, staff, policy):
    submit_and_approve(
        client,
        policy,
        owner=owner,
        leader=leader,
        change_summary="Receipts first: they are asked about most.",
        change_kind=ChangeKind.EDITORIAL,
        no_case_drove_it="",
        **{"exception_paths-0-ORDER": "2", "exception_paths-1-ORDER": "1"},
    )

    client.force_login(staff)
    assert listed_paths(client, policy) == ["Refund without receipt", "Late return"]


def test_paths_without_a_sort_order_are_numbered_in_the_order_they_are_shown(area, owner, leader):
    migration = importlib.import_module("policies.migrations.0006_fill_sort_orders")
    unnumbered = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Unnumbered")
    numbered = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Numbered")
    ExceptionPath.objects.filter(page=unnumbered).update(sort_order=None)
    ExceptionPath.objects.filter(page=numbered, name="Late return").update(sort_order=5)
    shown_before = [path.name for path in unnumbered.exception_paths.order_by("pk")]

    migration.number_in_visible_order(django_apps, None)

    assert [
        (path.name, path.sort_order) for path in unnumbered.exception_paths.order_by("sort_order")
    ] == [(name, place) for place, name in enumerate(shown_before)]
    assert dict(numbered.exception_paths.values_list("name", "sort_order")) == {
        "Late return": 5,
        "Refund without receipt": 1,
    }
