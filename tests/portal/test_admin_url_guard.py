"""The Wagtail admin is for policy owners and leadership: everyone else is turned away
from each of its pages, the portal's own admin pages included."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from portal.people import display_name
from portal.search.models import UnansweredSearch
from portal.search.services import record_unanswered
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


def test_someone_signed_in_without_admin_access_is_told_why_and_shown_the_way_back(
    client, policy, staff
):
    client.force_login(staff)

    page = client.get(reverse("wagtailadmin_home"), follow=True).content.decode()

    assert "You do not have permission to access the admin." in page
    assert f"You are signed in as {display_name(staff)}. The admin is for policy owners" in page
    assert '<a href="/">Back to the portal</a>' in page


def test_the_sign_in_page_says_nothing_of_roles_to_someone_not_signed_in(client):
    page = client.get(reverse("wagtailadmin_login")).content.decode()

    assert "You are signed in as" not in page


def test_the_portals_own_admin_pages_are_headed_by_their_title(client, owner, policy):
    record_unanswered(query="teleport my parcel")
    unanswered = UnansweredSearch.objects.get()
    client.force_login(owner)
    pages = {
        reverse("import_cases"): "Import an exception log",
        reverse("policies_import"): "Import policies from Word",
        reverse("search_add_to_policy", args=[unanswered.pk]): "Add the words to a policy",
    }

    for url, title in pages.items():
        heading = BeautifulSoup(client.get(url).content, "html.parser").find("h1")

        assert heading is not None, url
        assert " ".join(heading.get_text().split()) == title
