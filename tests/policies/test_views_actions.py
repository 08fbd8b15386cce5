"""Signing a policy and recording its review from the policy page, as each role."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from policies.models import PolicyAcknowledgement
from policies.services import REVIEWED_ACTION
from portal import roles
from tests.exceptions.factories import record_case
from tests.policies.factories import publish_version
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def acknowledge_url(policy):
    return reverse("policy_acknowledge", args=[policy.pk])


def reviewed_url(policy):
    return reverse("policy_reviewed", args=[policy.pk])


@pytest.mark.parametrize(
    ("role", "expected"),
    [("staff", 302), ("supervisor", 302), ("owner", 403), ("leader", 403), ("outsider", 403)],
)
def test_staff_and_supervisors_sign_others_are_refused(client, request, policy, role, expected):
    client.force_login(request.getfixturevalue(role))

    response = client.post(acknowledge_url(policy), {"revision": policy.live_revision_id})

    assert response.status_code == expected
    assert PolicyAcknowledgement.objects.count() == (1 if expected == 302 else 0)


@pytest.mark.parametrize(
    ("role", "expected"),
    [("staff", 403), ("supervisor", 403), ("owner", 302), ("leader", 302), ("outsider", 403)],
)
def test_the_owner_and_leadership_record_reviews_others_are_refused(
    client, request, policy, role, expected
):
    client.force_login(request.getfixturevalue(role))

    response = client.post(reviewed_url(policy), {"note": "Checked."})

    assert response.status_code == expected
    assert PageLogEntry.objects.filter(action=REVIEWED_ACTION).count() == (expected == 302)


def test_another_owner_may_not_review_someone_elses_policy(client, policy):
    client.force_login(UserFactory(username="other-owner", role=roles.POLICY_OWNERS))

    assert client.post(reviewed_url(policy)).status_code == 403


@pytest.mark.parametrize("url", [acknowledge_url, reviewed_url])
def test_anonymous_visitors_are_sent_to_login(client, policy, url):
    response = client.post(url(policy))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", [acknowledge_url, reviewed_url])
def test_the_actions_only_take_posts(client, policy, leader, staff, url):
    client.force_login(staff if url is acknowledge_url else leader)

    assert client.get(url(policy)).status_code == 405


def test_a_reader_sees_the_request_signs_and_sees_the_thanks(client, policy, staff):
    client.force_login(staff)
    html = client.get(policy.url).content.decode()
    assert "Please read and acknowledge this policy" in html
    assert "Version 1 has been in force since" in html
    assert "I have read and understood this policy" in html

    response = client.post(
        acknowledge_url(policy), {"revision": policy.live_revision_id}, follow=True
    )

    html = response.content.decode()
    assert response.redirect_chain[-1][0] == f"{policy.url}#acknowledge"
    assert "Thank you: you have acknowledged this version." in html
    assert "You acknowledged version 1 on" in html
    assert "Please read and acknowledge this policy" not in html


def test_after_a_substantive_change_the_page_says_what_changed(client, policy, staff, leader):
    PolicyAcknowledgement.objects.create(
        policy=policy, revision_id=policy.live_revision_id, user=staff
    )
    publish_version(
        policy,
        approver=leader,
        summary="In-store orders now follow the same rule.",
        scope="Online and in-store orders.",
    )
    client.force_login(staff)

    html = client.get(policy.url).content.decode()

    assert "This policy changed since you acknowledged version 1" in html
    assert "Version 2 went live on" in html
    assert "What changed and why: In-store orders now follow the same rule." in html
    assert f'href="{policy.url}history/1...2/">See what changed from version 1 to version 2' in html
    assert "Cases that drove it" not in html


def test_the_change_notice_links_the_cases_that_drove_it(client, policy, staff, leader):
    PolicyAcknowledgement.objects.create(
        policy=policy, revision_id=policy.live_revision_id, user=staff
    )
    case = record_case(policy, leader, granted=True)
    publish_version(
        policy,
        approver=leader,
        summary="Goodwill grants like this one now have a path.",
        driven_by=[case],
    )
    client.force_login(staff)

    html = client.get(policy.url).content.decode()

    assert f'. Cases that drove it: <a href="/cases/{case.pk}/">case #{case.pk}</a>.' in html
    assert f'href="{policy.url}history/"' in html


def test_signing_an_outdated_version_says_to_read_the_new_one(client, policy, staff):
    client.force_login(staff)

    response = client.post(acknowledge_url(policy), {"revision": 999999}, follow=True)

    assert "This policy changed while you were reading it." in response.content.decode()
    assert not PolicyAcknowledgement.objects.exists()


def test_the_owner_records_a_review_from_the_policy_page(client, policy, owner):
    client.force_login(owner)
    html = client.get(policy.url).content.decode()
    assert "Review of this policy" in html
    assert "Reviewed, still valid" in html
    assert f'href="/admin/pages/{policy.pk}/edit/"' in html

    response = client.post(
        reviewed_url(policy), {"note": "Checked with the warehouse."}, follow=True
    )

    html = response.content.decode()
    policy.refresh_from_db()
    assert response.redirect_chain[-1][0] == f"{policy.url}#review"
    assert f"Review recorded. The next review is due on {policy.next_review_due:%-d %B %Y}." in html
    assert f"Last reviewed by {owner.get_full_name()}" in html


def test_readers_see_no_review_panel_and_owners_no_signing(client, policy, staff, owner):
    client.force_login(staff)
    assert "Review of this policy" not in client.get(policy.url).content.decode()

    client.force_login(owner)
    assert "I have read and understood" not in client.get(policy.url).content.decode()
