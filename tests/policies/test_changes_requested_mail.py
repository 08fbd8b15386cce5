"""A change Leadership sends back reaches its owner by mail, in the portal's words.

Wagtail mails the submitter when a workflow task is rejected; the portal's own
templates (templates/wagtailadmin/notifications/workflow_state_rejected*) word it.
"""

import pytest
from django.conf import settings as django_settings
from django.core import mail

from policies.choices import ChangeKind
from policies.models import PolicyPage
from policies.services import reject_policy_revision, submit_policy_revision
from portal.people import display_name
from tests.policies.editor import edit_url

pytestmark = pytest.mark.django_db

COMMENT = "Say which cases showed that 30 days was too short."


def send_back(policy, *, owner, leader, comment: str) -> PolicyPage:
    """Submit a change to `policy` as `owner`, then have `leader` send it back with `comment`."""
    policy = PolicyPage.objects.get(pk=policy.pk)
    policy.summary = "Unused items can be returned within 45 days."
    submit_policy_revision(
        policy=policy, author=owner, summary="Window to 45 days.", kind=ChangeKind.EDITORIAL
    )
    mail.outbox.clear()
    reject_policy_revision(policy=policy, reviewer=leader, comment=comment)
    return policy


@pytest.fixture
def sent_back(policy, owner, leader):
    return send_back(policy, owner=owner, leader=leader, comment=COMMENT)


def test_the_owner_is_mailed_once_with_the_comment_and_a_link_to_edit(
    client, sent_back, owner, leader
):
    assert [message.to for message in mail.outbox] == [[owner.email]]
    message = mail.outbox[0]
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

    send_back(policy, owner=owner, leader=leader, comment="Cite <the> cases.")

    html = mail.outbox[0].alternatives[0][0]
    address = settings.WAGTAILADMIN_BASE_URL + edit_url(policy)
    assert "<blockquote>Cite &lt;the&gt; cases.</blockquote>" in html
    assert f'<a href="{address}">{address}</a>' in html

