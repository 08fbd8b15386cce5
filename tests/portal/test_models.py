"""The home page queue: what waits for each role."""

import datetime

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from policies.models import PolicyAcknowledgement, PolicyPage
from tests.exceptions.factories import record_case
from tests.policies.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


def test_staff_see_the_policies_they_still_have_to_acknowledge(client, staff, policy, area):
    signed = PolicyPageFactory(area=area, owner=policy.owner, title="Already signed")
    PolicyAcknowledgement.objects.create(
        policy=signed, revision_id=signed.live_revision_id, user=staff
    )
    client.force_login(staff)

    response = client.get("/")

    html = response.content.decode()
    assert [item.title for item in response.context["to_acknowledge"]] == [policy.title]
    assert "Policies to acknowledge" in html
    assert f'href="{policy.url}#acknowledge"' in html
    assert "Not yet read" in html
    assert f'href="{signed.url}#acknowledge"' not in html


def test_staff_who_signed_everything_are_told_so(client, staff, policy):
    PolicyAcknowledgement.objects.create(
        policy=policy, revision_id=policy.live_revision_id, user=staff
    )
    client.force_login(staff)

    assert "You have acknowledged every policy in force." in client.get("/").content.decode()


def test_owners_see_their_reviews_due_with_overdue_ones_marked(client, owner, leader, policy, area):
    soon = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Due soon")
    PolicyPage.objects.filter(pk=policy.pk).update(
        next_review_due=timezone.localdate() - datetime.timedelta(days=10)
    )
    PolicyPage.objects.filter(pk=soon.pk).update(
        next_review_due=timezone.localdate() + datetime.timedelta(days=10)
    )
    client.force_login(owner)

    response = client.get("/")

    html = response.content.decode()
    assert [item.title for item in response.context["reviews_due"]] == [
        "Returns within 30 days",
        "Due soon",
    ]
    assert '<li class="is-overdue"><a href="' + policy.url + '#review">' in html
    assert html.count('<strong class="overdue">Overdue</strong>') == 1
    assert "Policies to acknowledge" not in html


def test_owners_see_their_policies_under_pressure(client, owner, leader, policy, settings):
    settings.PORTAL_PRESSURE_THRESHOLD = 2.0
    record_case(policy, leader, granted=True)
    record_case(policy, leader, granted=True)
    client.force_login(owner)

    html = client.get("/").content.decode()

    assert "Review recommended" in html
    assert "Exception pressure 2.0 over the last 90 days" in html


def test_below_the_threshold_nothing_is_recommended(client, owner, leader, policy, settings):
    settings.PORTAL_PRESSURE_THRESHOLD = 2.1
    record_case(policy, leader, granted=True)
    record_case(policy, leader, granted=True)
    client.force_login(owner)

    assert "Review recommended" not in client.get("/").content.decode()


@pytest.mark.parametrize("extra_policies", [0, 4])
def test_an_owners_home_page_runs_a_fixed_number_of_queries(
    client, owner, leader, area, django_assert_max_num_queries, extra_policies
):
    PolicyPageFactory.create_batch(1 + extra_policies, area=area, owner=owner, approver=leader)
    client.force_login(owner)
    client.get("/")

    with django_assert_max_num_queries(22):
        assert client.get("/").status_code == 200


def test_pages_name_the_portal_icon_so_browsers_ask_for_no_missing_one(client, staff):
    client.force_login(staff)

    html = client.get("/").content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    assert finders.find("img/favicon.svg")
