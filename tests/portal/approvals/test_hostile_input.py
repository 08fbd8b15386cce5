"""Hostile input to leadership's answers on a change: never a server error, never half an
answer, and what was typed kept with its message next to the field."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from policies.models import PolicyPage, RevisionNote
from portal import roles
from tests.hostile import KEPT_TEXT, REFUSED_TEXT, UNKNOWN_IDS, field_error, send
from tests.policies.factories import submit_version
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

ANSWERS = ["approvals:approve", "approvals:request_changes"]


@pytest.fixture
def submitted(policy):
    return submit_version(policy, summary="Late returns up to 30 days.")


@pytest.fixture
def answering(client, db):
    client.force_login(UserFactory(username="approver", role=roles.LEADERSHIP))
    return client


def still_waiting(policy, submitted) -> bool:
    policy = PolicyPage.objects.get(pk=policy.pk)
    return policy.live_revision_id != submitted.pk and policy.current_workflow_state.status == (
        "in_progress"
    )


@pytest.mark.parametrize("answer", ANSWERS)
@pytest.mark.parametrize("value", UNKNOWN_IDS)
def test_a_revision_that_is_not_the_one_waiting_is_refused(
    answering, policy, submitted, answer, value
):
    url = reverse(answer, args=[policy.pk])

    response = send(answering, "post", url, {"revision": value, "comment": "Looks right."})

    assert response.status_code == 302
    assert response["Location"] == reverse("approvals:review", args=[policy.pk])
    assert still_waiting(policy, submitted)


@pytest.mark.parametrize("answer", ANSWERS)
@pytest.mark.parametrize("name", REFUSED_TEXT)
def test_a_comment_that_cannot_be_kept_is_refused_next_to_the_field(
    answering, policy, submitted, answer, name
):
    value, message = REFUSED_TEXT[name]

    response = send(
        answering,
        "post",
        reverse(answer, args=[policy.pk]),
        {"revision": submitted.pk, "comment": value},
    )

    assert response.status_code == 400
    assert message in field_error(response, "comment")
    assert still_waiting(policy, submitted)


@pytest.mark.parametrize("name", KEPT_TEXT)
def test_a_comment_is_kept_as_typed_and_shown_as_text(answering, policy, submitted, name):
    send(
        answering,
        "post",
        reverse("approvals:approve", args=[policy.pk]),
        {"revision": submitted.pk, "comment": KEPT_TEXT[name]},
    )

    assert RevisionNote.objects.get(revision=submitted).approver_comment == KEPT_TEXT[name]
    history = send(answering, "get", policy.url + "history/")
    assert escape(KEPT_TEXT[name]) in history.body_text
