"""Cases drive revisions: citing, codifying, and the portal-wide change list and feed."""

import datetime
import re

import pytest
from defusedxml import ElementTree
from django.urls import reverse
from django.utils import timezone

from exceptions.choices import Standing
from policies.choices import ChangeKind
from policies.services import approve_policy_revision, submit_policy_revision
from tests.exceptions.factories import record_case
from tests.policies.factories import PolicyIndexPageFactory, PolicyPageFactory

pytestmark = pytest.mark.django_db


def publish_citing(policy, *, owner, leader, cases, summary="Limit raised after escalations."):
    policy.summary = summary
    submit_policy_revision(
        policy=policy,
        author=owner,
        summary=summary,
        kind=ChangeKind.SUBSTANTIVE,
        driven_by=cases,
    )
    approve_policy_revision(policy=policy, approver=leader)
    policy.refresh_from_db()
    return policy.live_revision


def test_publishing_a_revision_codifies_the_cases_it_cites(policy, owner, leader, staff):
    cited = record_case(policy, staff, granted=False, situation="Coat 20 days late.")
    withdrawn = record_case(policy, staff, granted=False, situation="Duplicate.")
    withdrawn.standing = Standing.WITHDRAWN
    withdrawn.save()
    bystander = record_case(policy, staff, granted=False, situation="Not cited.")

    publish_citing(policy, owner=owner, leader=leader, cases=[cited, withdrawn])

    cited.refresh_from_db()
    withdrawn.refresh_from_db()
    bystander.refresh_from_db()
    assert cited.standing == Standing.CODIFIED
    assert withdrawn.standing == Standing.WITHDRAWN
    assert bystander.standing == Standing.STANDING
    latest = cited.history.first()
    assert latest.history_change_reason == (
        "Codified by a new version of the policy: Limit raised after escalations."
    )


def test_a_submission_not_yet_approved_codifies_nothing(policy, owner, staff):
    cited = record_case(policy, staff, granted=False)
    submit_policy_revision(
        policy=policy,
        author=owner,
        summary="Pending.",
        kind=ChangeKind.SUBSTANTIVE,
        driven_by=[cited],
    )

    cited.refresh_from_db()
    assert cited.standing == Standing.STANDING


def test_history_page_lists_the_cases_each_version_cites(client, staff, policy, owner, leader):
    cited = record_case(policy, staff, granted=False, situation="Coat 20 days late.")
    publish_citing(policy, owner=owner, leader=leader, cases=[cited])
    client.force_login(staff)

    html = client.get(f"{policy.url}history/").content.decode()

    assert "Cases that drove this change" in html
    assert f'href="{cited.get_absolute_url()}"' in html
    assert "Coat 20 days late." in html


def test_case_page_states_its_version_and_what_it_drove(client, staff, policy, owner, leader):
    case = record_case(policy, staff, granted=False, situation="Coat 20 days late.")
    client.force_login(staff)

    before = client.get(case.get_absolute_url()).content.decode()
    publish_citing(policy, owner=owner, leader=leader, cases=[case])
    after = client.get(case.get_absolute_url()).content.decode()

    assert "Decided under" in before
    assert "version 1</a>" in before
    assert "It is still the version in force." in before
    assert "The rule has changed since:" in after
    assert "version 2 is in force" in after
    assert "See what changed from version 1 to 2" in after
    assert "This case drove" in after
    assert "version 2</a>" in after


@pytest.fixture
def changes(area, owner, leader, staff):
    billing = PolicyIndexPageFactory(title="Billing", slug="billing")
    fee = PolicyPageFactory(area=billing, owner=owner, approver=leader, title="Late payment fee")
    returns = PolicyPageFactory(area=area, owner=owner, approver=leader, title="Returns")
    cited = record_case(returns, staff, granted=False, situation="Coat 20 days late.")
    publish_citing(returns, owner=owner, leader=leader, cases=[cited], summary="Window widened.")
    fee.summary = "Typo fixed."
    submit_policy_revision(
        policy=fee, author=owner, summary="Typo fixed.", kind=ChangeKind.EDITORIAL
    )
    approve_policy_revision(policy=fee, approver=leader)
    return {"billing": billing, "returns": returns, "fee": fee, "cited": cited}


def listed(response):
    return [
        (entry.page.title, entry.revision.policy_note.summary)
        for entry in response.context["changes"]
    ]


def test_leadership_reads_every_published_change_newest_first(client, leader, changes):
    client.force_login(leader)

    response = client.get(reverse("policies:changes"))

    assert listed(response)[:2] == [
        ("Late payment fee", "Typo fixed."),
        ("Returns", "Window widened."),
    ]
    assert f'href="{changes["cited"].get_absolute_url()}"' in response.content.decode()


def test_changes_filter_by_kind_area_owner_and_dates(client, leader, owner, changes):
    client.force_login(leader)
    url = reverse("policies:changes")

    assert listed(client.get(url, {"kind": "editorial"})) == [("Late payment fee", "Typo fixed.")]
    assert {
        title for title, _summary in listed(client.get(url, {"area": changes["billing"].pk}))
    } == {"Late payment fee"}
    assert len(listed(client.get(url, {"owner": owner.pk}))) == 4
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert listed(client.get(url, {"went_live_min": tomorrow})) == []


def test_each_date_of_the_range_says_which_end_it_is(client, leader):
    client.force_login(leader)

    html = client.get(reverse("policies:changes"), {"went_live_min": "2025-01-31"}).content.decode()

    assert "<legend>Went live between</legend>" in html
    assert re.search(
        r'<input type="date" name="went_live_min" value="2025-01-31"[^>]*aria-label="From"', html
    )
    assert re.search(r'<input type="date" name="went_live_max"[^>]*aria-label="To"', html)


def test_the_atom_feed_carries_the_same_changes(client, leader, changes):
    client.force_login(leader)

    response = client.get(reverse("policies:changes_feed"), {"kind": "substantive"})

    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    atom = "{http://www.w3.org/2005/Atom}"
    titles = [entry.find(f"{atom}title").text for entry in feed.iter(f"{atom}entry")]
    assert "Returns: Window widened." in titles
    assert "Late payment fee: Typo fixed." not in titles
    assert f"#{changes['cited'].pk}" in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("staff", 403), ("supervisor", 403), ("outsider", 403), ("owner", 200), ("leader", 200)],
)
def test_the_change_list_is_for_owners_and_leadership(client, request, changes, role, status):
    client.force_login(request.getfixturevalue(role))

    assert client.get(reverse("policies:changes")).status_code == status
    assert client.get(reverse("policies:changes_feed")).status_code == status


@pytest.mark.parametrize("extra", [0, 4])
def test_change_list_and_feed_cost_the_same_whatever_the_number_of_changes(
    client, leader, owner, staff, changes, extra, django_assert_num_queries
):
    # Three more changes, each citing three cases, so both pages list six changes or more.
    for policy in (changes["fee"], changes["returns"], changes["fee"]):
        cited = [record_case(policy, staff, granted=False, situation=f"Case {n}") for n in range(3)]
        publish_citing(policy, owner=owner, leader=leader, cases=cited)
    for number in range(extra):
        fee = changes["fee"]
        fee.summary = f"Edit {number}"
        submit_policy_revision(
            policy=fee, author=owner, summary=f"Edit {number}", kind=ChangeKind.EDITORIAL
        )
        approve_policy_revision(policy=fee, approver=leader)
    client.force_login(leader)

    # One of these reads the leader's role, which offers the Escalations link; two the site
    # and its root page, kept in the cache for the pages after it.
    with django_assert_num_queries(16):
        response = client.get(reverse("policies:changes"))
    assert len(response.context["changes"]) == 7 + extra
    with django_assert_num_queries(6):
        response = client.get(reverse("policies:changes_feed"))
    assert response.content.decode().count("<entry>") == 7 + extra
