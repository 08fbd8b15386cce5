"""Unanswered searches in the admin: owners read them, nobody edits them, and an owner
adds the words searched for to one of their policies as a draft to submit."""

import pytest
from django.urls import reverse

from policies.choices import ChangeKind
from policies.models import PolicyPage
from policies.services import approve_policy_revision, submit_policy_revision
from portal.search.models import UnansweredSearch
from portal.search.selectors import answer_query
from portal.search.services import record_unanswered
from tests.policies.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


def test_owners_read_unanswered_searches_in_the_admin(client, owner):
    record_unanswered(query="teleportation")
    client.force_login(owner)

    response = client.get(reverse("unanswered_searches:index"))

    assert "teleportation" in response.content.decode()
    assert client.get(reverse("unanswered_searches:add")).status_code == 302


def test_staff_do_not_see_them(client, staff):
    record_unanswered(query="teleportation")
    client.force_login(staff)

    assert client.get(reverse("unanswered_searches:index")).status_code == 302


@pytest.fixture
def teleport(policy):
    record_unanswered(query="teleport a parcel")
    return UnansweredSearch.objects.get()


def add_url(unanswered):
    return reverse("search_add_to_policy", args=[unanswered.pk])


def test_an_owner_adds_the_words_to_a_policy_as_a_draft_to_submit(
    client, owner, leader, policy, teleport
):
    client.force_login(owner)
    assert add_url(teleport) in client.get(reverse("unanswered_searches:index")).content.decode()

    response = client.post(add_url(teleport), {"phrase": " teleport  parcel ", "policy": policy.pk})

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[policy.pk])
    draft = PolicyPage.objects.get(pk=policy.pk).get_latest_revision()
    assert draft.as_object().also_searched_as == "teleport parcel"
    assert draft.policy_note.kind == ChangeKind.EDITORIAL
    assert "teleport parcel" in draft.policy_note.summary
    # Nothing is live until the change is approved.
    assert PolicyPage.objects.get(pk=policy.pk).also_searched_as == ""
    submit_policy_revision(
        policy=draft.as_object(), author=owner, summary="Teleport", kind=ChangeKind.EDITORIAL
    )
    approve_policy_revision(policy=PolicyPage.objects.get(pk=policy.pk), approver=leader)
    found = answer_query(query="teleport parcel").found.hits
    assert [hit.object.pk for hit in found] == [policy.pk]


def test_only_the_users_own_policies_are_offered(client, owner, leader, area, policy, teleport):
    others = PolicyPageFactory(area=area, approver=leader, title="Someone else's rule")
    client.force_login(owner)

    html = client.get(add_url(teleport)).content.decode()
    response = client.post(add_url(teleport), {"phrase": "teleport", "policy": others.pk})

    assert policy.title in html
    assert "Someone else" not in html
    assert "Select a valid choice" in response.content.decode()
    assert not PolicyPage.objects.get(pk=others.pk).has_unpublished_changes


def test_a_policy_waiting_for_approval_is_refused_and_the_words_kept(
    client, owner, policy, teleport
):
    submit_policy_revision(
        policy=PolicyPage.objects.get(pk=policy.pk),
        author=owner,
        summary="Waiting",
        kind=ChangeKind.EDITORIAL,
    )
    client.force_login(owner)

    html = client.post(add_url(teleport), {"phrase": "beam me", "policy": policy.pk}).content
    text = html.decode()

    assert "waiting for approval" in text
    assert 'value="beam me"' in text


def test_staff_cannot_add_words_to_a_policy(client, staff, policy, teleport):
    client.force_login(staff)

    response = client.post(add_url(teleport), {"phrase": "teleport", "policy": policy.pk})

    assert response.status_code in (302, 403)
    assert not PolicyPage.objects.get(pk=policy.pk).has_unpublished_changes


def test_words_the_policy_is_already_searched_as_are_refused(client, owner, leader, area, teleport):
    beamed = PolicyPageFactory(
        area=area, owner=owner, approver=leader, also_searched_as="send back\nBeam me up"
    )
    client.force_login(owner)

    response = client.post(add_url(teleport), {"phrase": "beam me UP", "policy": beamed.pk})

    assert "already searched as these words" in response.content.decode()
    assert not PolicyPage.objects.get(pk=beamed.pk).has_unpublished_changes
