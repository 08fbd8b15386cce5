"""A change Leadership sends back reaches its owner by mail, in the portal's words.

Wagtail mails the submitter when a workflow task is rejected; the portal's own
templates (templates/wagtailadmin/notifications/workflow_state_rejected*) word it.
"""

import pytest
from django.conf import settings as django_settings
from django.core import mail

from portal.people import display_name
from tests.policies.editor import edit_url
from tests.policies.factories import send_back

pytestmark = pytest.mark.django_db

COMMENT = "Say which cases showed that 30 days was too short."


@pytest.fixture(autouse=True)
def quiet_outbox(policy):
    """Start with an empty outbox, after the policy's first version was approved (which mails)."""
    mail.outbox.clear()


@pytest.fixture
def sent_back(policy, leader):
    return send_back(policy, reviewer=leader, comment=COMMENT)


def mail_to(user) -> list:
    return [message for message in mail.outbox if user.email in message.to]


def test_the_owner_is_mailed_once_with_the_comment_and_a_link_to_edit(
    client, sent_back, owner, leader
):
    [message] = mail_to(owner)
    address = django_settings.WAGTAILADMIN_BASE_URL + edit_url(sent_back)
    assert message.subject == "Changes requested: Returns within 30 days"
    assert (
        f"{display_name(leader)} asked for changes to “Returns within 30 days” before it goes live:"
    ) in message.body
    assert f"“{COMMENT}”" in message.body
    assert f"Edit the policy: {address}" in message.body
    assert "has been rejected" not in message.body

    client.force_login(owner)
    assert (
        client.get(address.removeprefix(django_settings.WAGTAILADMIN_BASE_URL)).status_code == 200
    )


def test_the_html_mail_quotes_the_comment_and_links_the_editor(policy, owner, leader, settings):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True

    send_back(policy, reviewer=leader, comment="Cite <the> cases.")

    [message] = mail_to(owner)
    html = message.alternatives[0][0]
    address = settings.WAGTAILADMIN_BASE_URL + edit_url(policy)
    assert "<blockquote>Cite &lt;the&gt; cases.</blockquote>" in html
    assert f'<a href="{address}">{address}</a>' in html
