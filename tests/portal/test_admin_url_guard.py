"""The Wagtail admin is for policy owners and leadership: everyone else is turned away
from each of its pages, the portal's own admin pages included."""

import pytest
from django.urls import reverse

from tests.portal.admin_pages import admin_urls

pytestmark = pytest.mark.django_db


def test_wagtails_own_login_page_is_the_portals_login_page(client):
    html = client.get(reverse("wagtailcore_login")).content.decode()

    assert "Use your work account" in html
    assert 'action="/accounts/login/"' in html


def test_the_admin_sends_anonymous_visitors_to_the_login_page(client, policy):
    for url in admin_urls(policy):
        response = client.get(url)

        assert response.status_code == 302, url
        assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("role", ["staff", "supervisor", "outsider"])
def test_the_admin_turns_away_roles_without_admin_access(client, policy, request, role):
    client.force_login(request.getfixturevalue(role))

    for url in admin_urls(policy):
        response = client.get(url)

        assert response.status_code == 302, url
        assert response["Location"] == f"/admin/login/?next={url}"
