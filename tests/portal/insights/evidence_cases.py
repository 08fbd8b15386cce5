"""Cases the evidence reads: escalations above a path's limit, and recurring grants
outside any path."""

from exceptions.choices import Decision
from tests.exceptions.factories import decide, record_case


def late_return(policy, staff, decider, *, days="15", decision=Decision.GRANT, **fields):
    """A return `days` late, over staff's 14 days: escalated to leadership and decided."""
    case = record_case(policy, staff, path_name="Late return", amount=days, escalate=True, **fields)
    return decide(case, decider, decision)


def repeat_damage_claims(policy, staff, decider, amounts=("40", "50", "60", "70", "80")):
    """Grants outside any path, one for each amount, all tagged "repeat" and alike."""
    return [
        decide(
            record_case(
                policy,
                staff,
                amount=amount,
                escalate=True,
                tags=["repeat"],
                situation="Repeat damage claim: the box was already recycled.",
            ),
            decider,
        )
        for amount in amounts
    ]
