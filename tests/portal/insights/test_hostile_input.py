"""Hostile input to the buttons that draft a change from the evidence: never a server
error, never a draft made of it."""

import pytest
from django.urls import reverse

from policies.models import PolicyPage
from tests.hostile import KEPT_TEXT, NOT_A_CHOICE, ONE_MEGABYTE, UNKNOWN_IDS, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def drafting(client, owner):
    client.force_login(owner)
    return client


def nothing_drafted(policy) -> bool:
    policy = PolicyPage.objects.get(pk=policy.pk)
    return policy.latest_revision_id == policy.live_revision_id


@pytest.mark.parametrize("value", UNKNOWN_IDS)
def test_a_path_or_limit_the_page_never_showed_drafts_nothing(drafting, policy, value):
    for data in ({"path": value, "limit": "18"}, {"path": "1", "limit": value}, {}):
        response = send(drafting, "post", reverse("draft_limit", args=[policy.pk]), data)

        assert response.status_code == 302
        assert response["Location"] == reverse("policy_evidence", args=[policy.pk])
    assert nothing_drafted(policy)


@pytest.mark.parametrize("value", [*NOT_A_CHOICE, *KEPT_TEXT.values(), ONE_MEGABYTE, ""])
def test_a_tag_no_proposal_has_drafts_nothing(drafting, policy, value):
    response = send(drafting, "post", reverse("draft_path", args=[policy.pk]), {"tag": value})

    assert response.status_code == 302
    assert nothing_drafted(policy)


@pytest.mark.parametrize("name", ["policy_evidence", "draft_limit", "draft_path"])
def test_a_policy_that_does_not_exist_is_not_found(drafting, name):
    method = "get" if name == "policy_evidence" else "post"

    assert send(drafting, method, reverse(name, args=[987654])).status_code == 404
