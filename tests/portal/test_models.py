"""The home page queue: what waits for each role."""

import datetime

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from exceptions.models import Precedent
from policies.models import PolicyAcknowledgement, PolicyPage
from portal import freshness
from portal.people import display_name
from tests.clock import clock_at, local_time
from tests.exceptions.factories import decide, record_case
from tests.policies.editor import edit_url
from tests.policies.factories import PolicyIndexPageFactory, PolicyPageFactory, send_back

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


def test_staff_reach_the_cases_they_recorded_and_decided_from_the_home_page(client, staff):
    client.force_login(staff)

    html = client.get("/").content.decode()

    assert 'href="/cases/?mine=recorded"' in html
    assert 'href="/cases/?mine=decided"' in html


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


def test_owners_see_the_changes_sent_back_to_them_with_the_comment(
    client, owner, leader, staff, policy
):
    with clock_at(local_time(2026, 5, 4, 10, 0)):
        send_back(policy, reviewer=leader, comment="Cite the late-return cases.")
    client.force_login(owner)

    html = client.get("/").content.decode()

    assert "Changes requested" in html
    assert f'<a href="{edit_url(policy)}">Returns within 30 days</a>' in html
    assert f"{display_name(leader)} asked for changes on 4 May 2026" in html
    assert "“Cite the late-return cases.”" in html
    client.force_login(staff)
    assert "Changes requested" not in client.get("/").content.decode()


@pytest.fixture
def busy_home(area, staff, supervisor, owner, leader, settings):
    """Every list of the home page holds three rows or more, for staff and for the owner."""
    settings.PORTAL_PRESSURE_THRESHOLD = 0.5
    for title in ("Billing", "Deliveries"):
        PolicyIndexPageFactory(title=title)
    policies = PolicyPageFactory.create_batch(3, area=area, owner=owner, approver=leader)
    for policy in policies:
        decide(
            record_case(
                policy, staff, path_name="Refund without receipt", amount="90", escalate=True
            ),
            supervisor,
        )
        record_case(policy, staff, path_name="Refund without receipt", amount="80", escalate=True)
        due = record_case(policy, staff, path_name="Late return", amount="2")
        Precedent.objects.filter(pk=due.pk).update(follow_up_due=datetime.date(2020, 1, 1))
        record_case(policy, leader, granted=True)
    PolicyPage.objects.update(next_review_due=timezone.localdate())
    for policy in policies:
        send_back(policy, reviewer=leader)
    return policies


@pytest.mark.parametrize("extra_policies", [0, 4])
@pytest.mark.parametrize(
    ("role", "queue", "queries", "kept"),
    [
        (
            "staff",
            ["decided_unseen", "follow_ups_due", "my_cases_waiting", "to_acknowledge"],
            14,
            4,
        ),
        ("owner", ["reviews_due", "review_recommended", "changes_sent_back"], 22, 4),
    ],
)
def test_the_home_page_runs_a_fixed_number_of_queries(
    client,
    request,
    area,
    owner,
    leader,
    busy_home,
    django_assert_num_queries,
    extra_policies,
    role,
    queue,
    queries,
    kept,
):
    PolicyPageFactory.create_batch(extra_policies, area=area, owner=owner, approver=leader)
    client.force_login(request.getfixturevalue(role))
    client.get("/")  # warm the site-root cache, as on a running server

    # Read again from the cache (portal.freshness), the page costs the session, the user and
    # the request's transaction, for the owner too: Wagtail's user bar is kept per reader.
    with django_assert_num_queries(kept):
        client.get("/")
    # Built anew after a change: the owner's page reads the policies under pressure once
    # some are, and the changes sent back to them, with who asked and why.
    freshness.bump(freshness.POLICIES)
    with django_assert_num_queries(queries):
        response = client.get("/")
    assert {name: len(response.context[name]) >= 3 for name in queue} == dict.fromkeys(queue, True)
    assert len(response.context["areas"]) == 3


def test_pages_name_the_portal_icon_so_browsers_ask_for_no_missing_one(client, staff):
    client.force_login(staff)

    html = client.get("/").content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    assert finders.find("img/favicon.svg")
