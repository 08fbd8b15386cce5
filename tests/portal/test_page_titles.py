"""Every page's title names the page, then the portal, and says nothing twice."""

import pytest
from django.urls import reverse

from tests.exceptions.factories import record_case
from tests.policies.factories import publish_version

pytestmark = pytest.mark.django_db


def title_of(html: str) -> str:
    return html.split("<title>")[1].split("</title>")[0]


def test_the_home_page_is_called_by_the_portals_name_alone(client, staff, policy):
    client.force_login(staff)

    assert title_of(client.get("/").content.decode()) == "Policy portal"


def test_no_page_title_repeats_itself(client, leader, staff, area, policy):
    publish_version(policy, approver=leader, summary="Second version.")
    case = record_case(policy, staff, path_name="Late return", amount="3")
    client.force_login(leader)
    urls = [
        "/",
        area.url,
        policy.url,
        f"{policy.url}history/",
        f"{policy.url}history/1...2/",
        f"{policy.url}as-of/2030-01-01/",
        reverse("exceptions:list"),
        case.get_absolute_url(),
        reverse("exceptions:history", args=[case.pk]),
        reverse("exceptions:escalations"),
        reverse("search") + "?q=returns",
        reverse("insights"),
        reverse("evidence"),
        reverse("policy_evidence", args=[policy.pk]),
        reverse("acknowledgement_coverage"),
        reverse("policies:changes"),
        reverse("policies:feed_link"),
        reverse("policy_a_to_z"),
    ]

    titles = {url: title_of(client.get(url).content.decode()) for url in urls}

    for url, title in titles.items():
        parts = title.split(" · ")
        assert parts[-1] == "Policy portal", url
        assert len(parts) == len(set(parts)), (url, title)
    assert titles[policy.url] == "Returns within 30 days · Policy portal"
