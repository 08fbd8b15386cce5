"""Every live policy A to Z: grouped by letter, narrowed by area and flexibility, flat in cost."""

import re

import pytest
from django.urls import reverse

from policies import views
from policies.choices import Flexibility
from tests.policies.factories import PolicyIndexPageFactory, PolicyPageFactory

pytestmark = pytest.mark.django_db

URL = reverse("policy_a_to_z")


@pytest.fixture
def rulebook(area, owner, leader):
    """Four policies in two areas; one is firm and one has been taken offline."""
    delivery = PolicyIndexPageFactory(title="Delivery", slug="delivery")
    made = {
        title: PolicyPageFactory(area=where, owner=owner, approver=leader, title=title, **extra)
        for title, where, extra in [
            ("Returns within 30 days", area, {}),
            ("Age check for alcohol", delivery, {"flexibility": Flexibility.FIRM, "paths": []}),
            ("Address changes", delivery, {}),
            ("Refund without receipt", area, {}),
        ]
    }
    made["Refund without receipt"].unpublish()
    return made


def listed(response) -> list[str]:
    return [policy.title for policy in response.context["policies"]]


def test_every_live_policy_is_listed_by_letter_with_its_area(client, staff, rulebook):
    client.force_login(staff)

    response = client.get(URL)

    html = response.content.decode()
    assert listed(response) == [
        "Address changes",
        "Age check for alcohol",
        "Returns within 30 days",
    ]
    assert re.findall(r'<h2 id="letter-(\w)"', html) == ["A", "R"]
    assert re.findall(r'<a href="#letter-(\w)">', html) == ["A", "R"]
    assert "Refund without receipt" not in html
    assert "Firm · never bent" in html
    assert "Delivery" in html
    assert "<h1>Policies A\N{EN DASH}Z</h1>" in html


def test_area_and_flexibility_narrow_the_list(client, staff, rulebook, area):
    client.force_login(staff)
    delivery = rulebook["Address changes"].get_parent()

    assert listed(client.get(URL, {"area": area.pk})) == ["Returns within 30 days"]
    assert listed(client.get(URL, {"area": delivery.pk, "flexibility": "flexible"})) == [
        "Address changes"
    ]
    assert listed(client.get(URL, {"flexibility": "firm"})) == ["Age check for alcohol"]
    assert listed(client.get(URL, {"title": "CHECK"})) == ["Age check for alcohol"]


def test_a_filter_naming_nothing_says_so_and_keeps_the_other_filters(client, staff, rulebook):
    client.force_login(staff)

    response = client.get(URL, {"area": "99999999999999999999", "title": "kept words"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "area" in response.context["filter"].form.errors
    assert 'value="kept words"' in html
    assert "These filters cannot list policies" in html


def test_no_match_says_how_to_find_more(client, staff, rulebook):
    client.force_login(staff)

    html = client.get(URL, {"title": "zeppelin"}).content.decode()

    assert "No policy in force matches these filters." in html
    assert f'<a href="{URL}">see every policy</a>' in html


def test_a_letter_on_a_later_page_is_reached_through_that_page(
    client, staff, rulebook, monkeypatch
):
    monkeypatch.setattr(views, "POLICIES_PER_A_TO_Z_PAGE", 2)
    client.force_login(staff)

    html = client.get(URL).content.decode()

    assert '<a href="#letter-A">A</a>' in html
    assert '<a href="?page=2#letter-R">R</a>' in html


def test_the_header_links_to_the_list(client, staff):
    client.force_login(staff)

    assert f'href="{URL}"' in client.get("/").content.decode()


@pytest.mark.parametrize("extra", [0, 12])
def test_the_list_costs_the_same_whatever_the_number_of_policies(
    client, staff, rulebook, owner, leader, extra, django_assert_num_queries
):
    area = rulebook["Address changes"].get_parent()
    PolicyPageFactory.create_batch(extra, area=area, owner=owner, approver=leader)
    client.force_login(staff)
    client.get(URL)  # warm the site-root cache, as on a running server

    # The session, the user; the count, the first letters, the areas of the filter and the
    # page of policies, and a savepoint pair. The header's permissions are kept in the
    # cache (portal.access), and so is the site (portal.routing).
    with django_assert_num_queries(8):
        response = client.get(URL, {"flexibility": "flexible"})
    assert len(listed(response)) == 2 + extra
