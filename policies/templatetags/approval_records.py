import datetime

from django import template
from django.utils.translation import ngettext

from ..wording import duration_in_words

register = template.Library()


@register.inclusion_tag("policies/includes/replay_headline.html")
def replay_headline(summary: dict | None):
    """The replay's figures in one sentence, from a replay's summary as it is kept on a
    version's note (or worked out for a change still waiting); groups with no case are
    left out of it."""
    if not summary:
        return {"summary": None}
    return {
        "summary": summary,
        "since": datetime.date.fromisoformat(summary["since"]),
        "findings": findings(summary),
    }


def findings(summary: dict) -> list[str]:
    """Each group of the replay that holds a case, in words."""
    said = []
    if count := summary["decided_sooner"]:
        said.append(
            ngettext(
                "%(count)d escalation its recorder could have decided (%(hours)s of waiting saved)",
                "%(count)d escalations their recorders could have decided (%(hours)s of waiting "
                "saved)",
                count,
            )
            % {"count": count, "hours": duration_in_words(summary["hours_saved"])}
        )
    # Each phrase is written out whole, so that makemessages finds it.
    phrases = {
        "pressure_removed": lambda count: ngettext(
            "%(count)d grant outside any path now covered",
            "%(count)d grants outside any path now covered",
            count,
        ),
        "now_refused": lambda count: ngettext(
            "%(count)d grant its limits would now refuse",
            "%(count)d grants its limits would now refuse",
            count,
        ),
        "now_forbidden": lambda count: ngettext(
            "%(count)d grant a firm rule would now forbid",
            "%(count)d grants a firm rule would now forbid",
            count,
        ),
        "contradicted": lambda count: ngettext(
            "%(count)d standing case contradicted", "%(count)d standing cases contradicted", count
        ),
    }
    for group, phrase in phrases.items():
        if count := summary[group]:
            said.append(phrase(count) % {"count": count})
    if summary.get("superseded") is not None:
        count = summary["superseded"]
        said.append(
            ngettext(
                "%(count)d marked superseded on approval",
                "%(count)d marked superseded on approval",
                count,
            )
            % {"count": count}
        )
    return said
