"""CSV rows of cases, safe to open in a spreadsheet."""

from django.utils import timezone

from .models import Precedent

CASE_COLUMNS = [
    "id",
    "policy",
    "recorded at",
    "recorded by",
    "situation",
    "path",
    "path tier",
    "amount",
    "outcome",
    "escalated to",
    "decided by",
    "decided at",
    "rationale",
    "decision rationale",
    "channel",
    "standing",
    "follow-up result",
]

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Return the value as text that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def case_row(case: Precedent) -> list:
    return [
        case.pk,
        case.policy.title,
        _local(case.recorded_at),
        case.recorded_by.get_full_name() or case.recorded_by.get_username(),
        case.situation,
        case.path_name,
        case.get_path_tier_display() if case.path_tier else "",
        case.amount if case.amount is not None else "",
        case.get_outcome_display(),
        case.get_escalated_to_tier_display() if case.escalated_to_tier else "",
        (case.decided_by.get_full_name() or case.decided_by.get_username())
        if case.decided_by
        else "",
        _local(case.decided_at),
        case.rationale,
        case.decision_rationale,
        case.get_channel_display(),
        case.get_standing_display(),
        case.get_follow_up_result_display() if case.follow_up_result else "",
    ]
