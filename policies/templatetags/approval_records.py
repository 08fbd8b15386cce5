import datetime

from django import template

register = template.Library()


@register.inclusion_tag("policies/includes/replay_headline.html")
def replay_headline(summary: dict | None):
    """The replay's figures in one paragraph, from a replay's summary as it is kept on a
    version's note (or worked out for a change still waiting)."""
    if not summary:
        return {"summary": None}
    return {
        "summary": summary,
        "since": datetime.date.fromisoformat(summary["since"]),
    }
