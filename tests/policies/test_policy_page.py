import pytest
from django.test import Client
from django.utils import timezone
from taggit.models import Tag

from policies.choices import Flexibility, Tier
from policies.models import PolicyPageTag, RelatedPolicy, add_months
from portal import freshness, roles
from tests.exceptions.factories import record_case
from tests.policies.factories import PolicyPageFactory, default_paths, publish_version
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_policy_page_shows_rule_why_and_paths_in_that_order(client: Client, staff, policy):
    client.force_login(staff)

    html = client.get(policy.url).content.decode()

    headings = ["The rule", "Why it exists", "Sanctioned exception paths", "How to explain it"]
    positions = [html.index(heading) for heading in headings]
    assert positions == sorted(positions)
    assert "We accept returns of unused items within 30 days." in html
    assert "Returned stock must still be sellable." in html


def test_each_exception_path_shows_who_may_grant_it_and_up_to_what(client, staff, policy):
    client.force_login(staff)

    response = client.get(policy.url)

    paths = response.context["exception_paths"]
    assert [(path.name, path.get_authority_display(), path.limit_display) for path in paths] == [
        ("Late return", "Staff", "14 days"),
        ("Refund without receipt", "Supervisor", "150 EUR"),
    ]
    html = response.content.decode()
    assert "Within 1 day" in html
    assert "On the spot" in html


def test_firm_policy_says_it_is_never_bent(client, staff, area, owner, leader):
    firm = PolicyPageFactory(
        area=area, owner=owner, approver=leader, flexibility=Flexibility.FIRM, paths=[]
    )
    client.force_login(staff)

    html = client.get(firm.url).content.decode()

    assert "This rule is firm: it is never bent." in html
    assert "Firm · never bent" in html


def test_area_lists_its_policies_with_badge_owner_and_next_review(client, staff, policy, area):
    client.force_login(staff)

    html = client.get(area.url).content.decode()

    assert policy.title in html
    assert policy.summary in html
    assert "Flexible" in html
    assert policy.owner.get_full_name() in html
    # Went live today; reviewed every 12 months by default.
    assert add_months(timezone.localdate(), 12).strftime("%-d %b %Y") in html


def test_a_draft_change_is_not_shown_to_staff(client, staff, policy):
    policy.summary = "A draft nobody approved."
    policy.save_revision(user=policy.owner)
    client.force_login(staff)

    html = client.get(policy.url).content.decode()

    assert "A draft nobody approved." not in html
    assert "Unused items can be returned within 30 days." in html


def test_unpublished_policy_is_not_found(client, staff, policy):
    policy.unpublish()
    client.force_login(staff)

    assert client.get(policy.url).status_code == 404


def three_paths() -> list[dict]:
    return [
        *default_paths(),
        {
            "name": "Exchange instead of refund",
            "authority": Tier.LEADERSHIP,
            "limit_amount": None,
            "limit_unit": "",
            "conditions": "The customer would rather have another item.",
            "record": "What was exchanged.",
            "decision_hours": 48,
        },
    ]


@pytest.mark.parametrize("extra_policies", [0, 5])
def test_policy_and_area_pages_run_a_fixed_number_of_queries(
    client, staff, area, owner, leader, django_assert_num_queries, extra_policies
):
    policies = PolicyPageFactory.create_batch(
        4 + extra_policies, area=area, owner=owner, approver=leader, paths=three_paths()
    )
    # The policy shown lists three paths, three tags, three related policies and three cases.
    shown = policies[0]
    publish_version(
        shown,
        approver=leader,
        tagged_items=[
            PolicyPageTag(tag=Tag.objects.get_or_create(name=name)[0])
            for name in ("refunds", "receipts", "online")
        ],
        related_policy_links=[RelatedPolicy(policy=other) for other in policies[1:4]],
    )
    colleague = UserFactory(username="colleague", role=roles.STAFF)
    for recorder, amount in [(staff, "3"), (colleague, "4"), (staff, "5")]:
        record_case(shown, recorder, path_name="Late return", amount=amount, tags=["late"])
    client.force_login(staff)
    client.get(shown.url)  # warm the site-root cache, as on a running server
    client.get(area.url)

    # Read again from its cached fragments, the page costs what every page costs: the
    # session, the user and the request's savepoint pair. The site, the route to the page
    # (portal.routing), its view restrictions, its published versions, the reader's own
    # acknowledgement, the case counts and the reader's role and permissions are kept in
    # the cache. The area reads nothing of its policies.
    with django_assert_num_queries(4):
        client.get(shown.url)
    with django_assert_num_queries(4):
        client.get(area.url)
    # After a change, its body is built anew (its paths, tags and related policies), and
    # the site, the route, the view restrictions, the versions, the reader's acknowledgement,
    # the case counts and the reader's role and permissions are read again.
    freshness.bump(*freshness.SCOPES)
    with django_assert_num_queries(23):
        response = client.get(shown.url)
    assert len(response.context["related_policies"]) == 3
    with django_assert_num_queries(8):
        response = client.get(area.url)
    assert len(response.context["policies"]) == 4 + extra_policies
