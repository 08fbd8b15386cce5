"""Slack and Teams show an escalation in a channel, with a button to decide it; the
generic preset is the portal's own JSON."""

import datetime
import json
import uuid

import pytest

from portal.webhooks.choices import Event, Preset
from portal.webhooks.events import Announcement, WebhookEvent
from portal.webhooks.presets import SLACK_LIMITS, body_for
from tests.exceptions.factories import record_case

pytestmark = pytest.mark.django_db

DECIDE_URL = "https://policies.example.com/cases/12/"


def escalation(**announced) -> WebhookEvent:
    announcement = {
        "title": "Case #12 waits for supervisor",
        "text": "Gift returned <without> a receipt & no box.",
        "facts": [("Policy", "Returns within 30 days"), ("Asked", "90 EUR")],
        "link_label": "Decide this case",
        "link_url": DECIDE_URL,
        **announced,
    }
    return WebhookEvent(
        id=uuid.UUID("00000000-0000-0000-0000-000000000012"),
        kind=Event.CASE_ESCALATED,
        occurred_at=datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC),
        data={"case": {"id": 12}},
        announcement=Announcement(**announcement),
    )


def test_slack_gets_text_and_blocks_with_a_button_to_decide():
    message = json.loads(body_for(Preset.SLACK, escalation()))

    assert message["text"] == f"Case #12 waits for supervisor: <{DECIDE_URL}|Decide this case>"
    header, section, actions = message["blocks"]
    assert header == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Case #12 waits for supervisor"},
    }
    # Slack reads <, > and & as its own markup: they are escaped to show as typed.
    assert section["text"] == {
        "type": "mrkdwn",
        "text": "Gift returned &lt;without&gt; a receipt &amp; no box.",
    }
    assert section["fields"][1] == {"type": "mrkdwn", "text": "*Asked*\n90 EUR"}
    [button] = actions["elements"]
    assert button["type"] == "button"
    assert button["url"] == DECIDE_URL
    assert button["text"] == {"type": "plain_text", "text": "Decide this case"}


def test_slack_blocks_keep_within_slacks_limits():
    long_title = "T" * 400
    facts = [(f"Fact {n}", "v" * 3000) for n in range(14)]
    message = json.loads(
        body_for(Preset.SLACK, escalation(title=long_title, text="x" * 5000, facts=facts))
    )

    header, section, _actions = message["blocks"]
    assert len(header["text"]["text"]) == SLACK_LIMITS["header"]
    assert len(section["text"]["text"]) == SLACK_LIMITS["section"]
    assert len(section["fields"]) == SLACK_LIMITS["fields"]
    assert all(len(field["text"]) <= SLACK_LIMITS["field"] for field in section["fields"])


def test_teams_gets_an_adaptive_card_with_a_button_to_decide():
    message = json.loads(body_for(Preset.TEAMS, escalation()))

    assert message["type"] == "message"
    [attachment] = message["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard"
    assert card["version"] == "1.4"
    title, text, facts = card["body"]
    assert title["text"] == "Case #12 waits for supervisor"
    assert text["text"] == "Gift returned <without> a receipt & no box."
    assert facts["facts"] == [
        {"title": "Policy", "value": "Returns within 30 days"},
        {"title": "Asked", "value": "90 EUR"},
    ]
    assert card["actions"] == [
        {"type": "Action.OpenUrl", "title": "Decide this case", "url": DECIDE_URL}
    ]


def test_generic_json_carries_the_event_its_id_and_its_data():
    assert json.loads(body_for(Preset.GENERIC, escalation())) == {
        "id": "00000000-0000-0000-0000-000000000012",
        "event": "case.escalated",
        "occurred_at": "2026-03-02T09:30:00+00:00",
        "data": {"case": {"id": 12}},
    }


def test_a_real_escalation_reaches_slack_with_its_policy_and_a_link_to_decide(
    receiver, make_endpoint, policy, staff, supervisor, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = "https://policies.example.com"
    make_endpoint("slack", preset=Preset.SLACK)
    make_endpoint("teams", preset=Preset.TEAMS)

    with django_capture_on_commit_callbacks(execute=True):
        case = record_case(
            policy, staff, path_name="Refund without receipt", amount="90", escalate=True
        )

    case_url = f"https://policies.example.com/cases/{case.pk}/"
    [slack] = receiver.at("slack")
    assert slack.payload["text"].startswith(f"Case #{case.pk} waits for supervisor")
    assert slack.payload["blocks"][2]["elements"][0]["url"] == case_url
    assert {"type": "mrkdwn", "text": "*Policy*\nReturns within 30 days"} in slack.payload[
        "blocks"
    ][1]["fields"]
    [teams] = receiver.at("teams")
    card = teams.payload["attachments"][0]["content"]
    assert card["actions"][0]["url"] == case_url
    assert {"title": "Asked", "value": "90 EUR"} in card["body"][2]["facts"]
