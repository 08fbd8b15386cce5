"""Four eyes: a policy change goes live only when someone other than its author approves it,
whichever way the author tries."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import Page

from policies.choices import ChangeKind
from policies.models import PolicyPage
from policies.services import approve_policy_revision, submit_policy_revision
from portal import roles
from tests.policies.editor import policy_form_data
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGED_SUMMARY = "Unused items can be returned within 45 days."


@pytest.fixture
def second_leader(db):
    return UserFactory(username="leader2", role=roles.LEADERSHIP)


def submit_as(client, user, policy, summary=CHANGED_SUMMARY):
    client.force_login(user)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[policy.pk]),
        policy_form_data(
            client,
            policy,
            action="action-submit",
            summary=summary,
            change_summary="Window extended to 45 days.",
            change_kind=ChangeKind.EDITORIAL,
        ),
    )
    policy.refresh_from_db()
    assert policy.workflow_in_progress
    return policy.current_workflow_task_state


def is_live_with(policy, summary=CHANGED_SUMMARY) -> bool:
    return PolicyPage.objects.get(pk=policy.pk).summary == summary


def approve_in_the_admin(client, policy, task_state):
    return client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[policy.pk, "approve", task_state.pk]),
        {"comment": ""},
    )


def approve_from_the_editor(client, policy, task_state):
    data = policy_form_data(
        client, policy, action="action-workflow-action", summary=CHANGED_SUMMARY
    )
    data["workflow-action-name"] = "approve"
    return client.post(reverse("wagtailadmin_pages:edit", args=[policy.pk]), data)


def waiting_task(policy):
    return PolicyPage.objects.get(pk=policy.pk).current_workflow_task_state


def test_a_leader_cannot_approve_her_own_submission_from_the_dashboard(
    client, leader, second_leader, policy
):
    task_state = submit_as(client, leader, policy)

    approve_in_the_admin(client, policy, task_state)

    assert not is_live_with(policy)
    assert PolicyPage.objects.get(pk=policy.pk).workflow_in_progress
    client.force_login(second_leader)
    approve_in_the_admin(client, policy, task_state)
    assert is_live_with(policy)


def test_an_approval_sent_from_the_editor_by_its_author_only_saves_a_draft(
    client, leader, second_leader, policy
):
    submit_as(client, leader, policy)

    approve_from_the_editor(client, policy, waiting_task(policy))

    assert not is_live_with(policy)
    # Wagtail reads a workflow action the sender may not take as "save draft": the
    # change now waits on that draft, and someone else approves what it holds.
    client.force_login(second_leader)
    approve_in_the_admin(client, policy, waiting_task(policy))
    assert not is_live_with(policy)
    assert waiting_task(policy).revision == PolicyPage.objects.get(pk=policy.pk).latest_revision
    approve_in_the_admin(client, policy, waiting_task(policy))
    assert is_live_with(policy)


def test_the_approval_service_refuses_the_author(client, leader, policy):
    submit_as(client, leader, policy)

    with pytest.raises(PermissionDenied):
        approve_policy_revision(policy=PolicyPage.objects.get(pk=policy.pk), approver=leader)

    assert not is_live_with(policy)


def test_the_author_is_offered_no_approval_and_it_is_not_listed_as_waiting_for_her(
    client, leader, second_leader, policy
):
    submit_as(client, leader, policy)

    own = client.get(reverse("wagtailadmin_pages:edit", args=[policy.pk])).content.decode()
    own_dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(second_leader)
    other = client.get(reverse("wagtailadmin_pages:edit", args=[policy.pk])).content.decode()
    other_dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Awaiting your review" not in own_dashboard
    assert "Awaiting your review" in other_dashboard
    # Approving is done from the dashboard: the editor would save a revision of its own first.
    for editor in (own, other):
        assert 'name="workflow-action-name" value="approve"' not in editor
        assert 'value="approve"' not in editor


def test_a_leader_who_edited_a_submission_while_it_waited_cannot_approve_it(
    client, owner, leader, second_leader, policy
):
    submit_as(client, owner, policy, summary="The owner's wording.")
    client.force_login(leader)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[policy.pk]),
        policy_form_data(client, policy, summary=CHANGED_SUMMARY),
    )

    approve_in_the_admin(client, policy, waiting_task(policy))

    assert not is_live_with(policy)
    client.force_login(second_leader)
    approve_in_the_admin(client, policy, waiting_task(policy))
    approve_in_the_admin(client, policy, waiting_task(policy))
    assert is_live_with(policy)


def test_edits_made_while_a_change_waits_go_live_only_once_approved_as_edited(
    client, owner, leader, second_leader, policy
):
    task_state = submit_as(client, owner, policy, summary="The owner's wording.")
    client.force_login(leader)
    client.post(
        reverse("wagtailadmin_pages:edit", args=[policy.pk]),
        policy_form_data(
            client,
            policy,
            summary=CHANGED_SUMMARY,
            change_summary="Tidied while it waited.",
            change_kind=ChangeKind.EDITORIAL,
        ),
    )
    edited = PolicyPage.objects.get(pk=policy.pk).latest_revision
    client.force_login(second_leader)

    approve_in_the_admin(client, policy, task_state)

    assert not is_live_with(policy, "The owner's wording.")
    assert not is_live_with(policy)
    waiting = PolicyPage.objects.get(pk=policy.pk).current_workflow_task_state
    assert waiting.revision == edited
    approve_in_the_admin(client, policy, waiting)
    assert is_live_with(policy)


def test_an_owners_change_is_approved_by_leadership(client, owner, leader, policy):
    task_state = submit_as(client, owner, policy)
    client.force_login(leader)

    approve_in_the_admin(client, policy, task_state)

    assert is_live_with(policy)


def copy(client, policy, **choices):
    return client.post(
        reverse("wagtailadmin_pages:copy", args=[policy.pk]),
        {
            "new_title": "Returns within 30 days (copy)",
            "new_slug": "returns-copy",
            "new_parent_page": policy.get_parent().pk,
            **choices,
        },
    )


@pytest.mark.parametrize("choice", ["publish_copies", "alias"])
def test_a_copy_never_goes_live_without_approval(client, leader, policy, choice):
    client.force_login(leader)

    response = copy(client, policy, **{choice: "on"})

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:copy", args=[policy.pk])
    assert not Page.objects.filter(slug="returns-copy").exists()
    messages = client.get(response["Location"]).content.decode()
    assert "A copy goes live only through Leadership" in messages


def test_a_copy_is_made_as_a_draft_to_submit(client, leader, policy):
    client.force_login(leader)

    copy(client, policy)

    made = Page.objects.get(slug="returns-copy")
    assert not made.live
    assert not made.alias_of_id


def test_submitting_through_the_service_then_approving_it_yourself_is_refused(
    owner, second_leader, policy
):
    policy = PolicyPage.objects.get(pk=policy.pk)
    policy.summary = CHANGED_SUMMARY
    submit_policy_revision(
        policy=policy, author=second_leader, summary="By hand.", kind=ChangeKind.EDITORIAL
    )

    with pytest.raises(PermissionDenied):
        approve_policy_revision(policy=policy, approver=second_leader)
    assert not is_live_with(policy)
