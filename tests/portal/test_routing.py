"""Each level of the page tree finds the page a URL names, or answers 404."""

import pytest

from policies.models import PolicyIndexPage, PolicyPage
from tests.policies.factories import PolicyPageFactory

pytestmark = pytest.mark.django_db


def test_a_policy_url_reaches_the_policy_as_its_own_type(client, staff, policy):
    client.force_login(staff)

    response = client.get(policy.url)

    assert response.status_code == 200
    assert type(response.context["page"]) is PolicyPage
    assert type(response.context["page"].get_parent()) is PolicyIndexPage
    assert "Returns within 30 days" in response.content.decode()


def test_a_policy_keeps_its_own_routes_below_it(client, staff, policy):
    client.force_login(staff)

    assert client.get(f"{policy.url}history/").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/no-such-area/",
        "/refunds-and-returns/no-such-policy/",
        "/no-such-area/no-such-policy/",
        "/refunds-and-returns/returns-within-30-days/no-such-route/",
    ],
)
def test_a_url_naming_nothing_is_not_found(client, staff, policy, path):
    client.force_login(staff)
    policy.slug = "returns-within-30-days"
    policy.save_revision().publish()

    assert client.get(path).status_code == 404


def test_a_policy_taken_off_the_portal_is_not_found(client, staff, area, owner, leader):
    draft = PolicyPageFactory(area=area, owner=owner, approver=leader)
    draft.unpublish()
    client.force_login(staff)

    assert client.get(f"{area.url}{draft.slug}/").status_code == 404
