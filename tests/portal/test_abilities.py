"""The header and footer offer a page exactly when its view lets the reader in, for every
role."""

import pytest
from django.urls import reverse

from portal import roles
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

# Each link of the header and footer, and the page it opens.
LINKS = {
    "Cases": reverse("exceptions:list"),
    "Changes": reverse("policies:changes"),
    "Escalations": reverse("exceptions:escalations"),
    "Insights": reverse("insights"),
    "Approvals": reverse("approvals:inbox"),
    "Admin": reverse("wagtailadmin_home"),
    "API tokens for other tools": reverse("api:tokens"),
}


@pytest.mark.parametrize(
    "role", [None, roles.STAFF, roles.SUPERVISORS, roles.POLICY_OWNERS, roles.LEADERSHIP]
)
@pytest.mark.parametrize("label", list(LINKS))
def test_a_header_link_shows_exactly_when_its_page_opens(client, role, label):
    reader = UserFactory(username="reader", role=role)
    client.force_login(reader)
    url = LINKS[label]

    header = client.get(reverse("search"), {"q": "refund"}).content.decode()
    opens = client.get(url).status_code == 200

    assert (f'href="{url}"' in header) == opens
