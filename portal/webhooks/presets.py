"""The body each preset sends: the portal's own JSON, or a message a chat's incoming
webhook shows in a channel (Slack's blocks, a Teams Adaptive Card), with the event's link
as a button.

The body is written once, when the event is queued, and each try sends it unchanged.
"""

import json

from .choices import Preset
from .events import Announcement, WebhookEvent

# Slack refuses a block over its limits: 150 characters in a header, 3,000 in a section,
# 10 fields of 2,000, 75 in a button.
SLACK_LIMITS = {"header": 150, "section": 3000, "fields": 10, "field": 2000, "button": 75}


def body_for(preset: str, event: WebhookEvent) -> str:
    """The JSON text sent to an endpoint of that preset (and signed as it is)."""
    if preset == Preset.SLACK:
        payload = slack_message(event.announcement)
    elif preset == Preset.TEAMS:
        payload = teams_message(event.announcement)
    else:
        payload = generic_payload(event)
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def generic_payload(event: WebhookEvent) -> dict:
    return {
        "id": str(event.id),
        "event": str(event.kind),
        "occurred_at": event.occurred_at.isoformat(),
        "data": event.data,
    }


def slack_message(announcement: Announcement) -> dict:
    """Slack's incoming webhook message: `text` for notifications, `blocks` for the channel."""
    fields = [
        {"type": "mrkdwn", "text": _cut(f"*{_slack(name)}*\n{_slack(value)}", "field")}
        for name, value in announcement.facts[: SLACK_LIMITS["fields"]]
    ]
    section: dict[str, object] = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": _slack_section(announcement)},
    }
    if fields:
        section["fields"] = fields
    return {
        "text": f"{_slack(announcement.title)}: <{announcement.link_url}|"
        f"{_slack(announcement.link_label)}>",
        "blocks": [
            {
                "type": "header",
                "text": {"type": "plain_text", "text": _cut(announcement.title, "header")},
            },
            section,
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {
                            "type": "plain_text",
                            "text": _cut(announcement.link_label, "button"),
                        },
                        "url": announcement.link_url,
                        "style": "primary",
                    }
                ],
            },
        ],
    }


def teams_message(announcement: Announcement) -> dict:
    """A message with one Adaptive Card, as Teams' incoming webhooks (Workflows) take it."""
    body: list[dict] = [
        {
            "type": "TextBlock",
            "text": announcement.title,
            "weight": "Bolder",
            "size": "Medium",
            "wrap": True,
        }
    ]
    if announcement.text:
        body.append({"type": "TextBlock", "text": announcement.text, "wrap": True})
    if announcement.facts:
        body.append(
            {
                "type": "FactSet",
                "facts": [{"title": name, "value": value} for name, value in announcement.facts],
            }
        )
    return {
        "type": "message",
        "attachments": [
            {
                "contentType": "application/vnd.microsoft.card.adaptive",
                "contentUrl": None,
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": body,
                    "actions": [
                        {
                            "type": "Action.OpenUrl",
                            "title": announcement.link_label,
                            "url": announcement.link_url,
                        }
                    ],
                },
            }
        ],
    }


def _slack(text: str) -> str:
    """Text as Slack shows it literally: its markup reads &, < and > as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_section(announcement: Announcement) -> str:
    # A section needs some text: an event without a sentence repeats its title.
    return _cut(_slack(announcement.text or announcement.title), "section")


def _cut(text: str, limit: str) -> str:
    longest = SLACK_LIMITS[limit]
    return text if len(text) <= longest else text[: longest - 1] + "…"
