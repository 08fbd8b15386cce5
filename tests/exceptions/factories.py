import datetime
import uuid
from decimal import Decimal

from django.utils import timezone

from exceptions.choices import Channel, Decision, Request
from exceptions.models import Precedent
from exceptions.services import (
    decide_escalation,
    record_follow_up,
    record_precedent,
    withdraw_precedent,
)


def record_case(policy, recorder, *, path_name=None, granted=True, amount=None, **overrides):
    """Record a case through the service, as the record-a-case form does.

    With `path_name` it asks to grant within that path; otherwise to grant
    outside any path, or with `granted=False` to uphold the rule.
    """
    path = policy.exception_paths.get(name=path_name) if path_name else None
    if path is not None:
        requested = Request.GRANT_WITHIN_PATH
    else:
        requested = Request.GRANT_OUTSIDE_PATH if granted else Request.UPHOLD
    fields = {
        "situation": "Customer returned a jacket a few days late.",
        "rationale": "Unused and only a few days over.",
        "channel": Channel.PHONE,
        "tags": ["returns"],
        "submission_token": uuid.uuid4(),
        **overrides,
    }
    return record_precedent(
        policy=policy,
        recorder=recorder,
        path=path,
        requested=requested,
        amount=None if amount is None else Decimal(amount),
        **fields,
    )


def shown(case) -> int:
    """The change count a page opened now would show for `case`."""
    return Precedent.objects.values_list("change_count", flat=True).get(pk=case.pk)


def decide(case, decider, decision=Decision.GRANT, rationale="Checked it."):
    """Decide an escalated case from a page opened just now."""
    return decide_escalation(
        precedent=case,
        decider=decider,
        decision=decision,
        rationale=rationale,
        expected_change_count=shown(case),
    )


def follow_up(case, user, result, notes="-"):
    """Record a follow-up from a page opened just now."""
    return record_follow_up(
        precedent=case, user=user, result=result, notes=notes, expected_change_count=shown(case)
    )


def withdraw(case, user, reason="Recorded twice."):
    """Withdraw a case from a page opened just now."""
    return withdraw_precedent(
        precedent=case, user=user, reason=reason, expected_change_count=shown(case)
    )


def unchanged(case):
    """Assert the case in the database is exactly `case` as it was read: every field,
    its change count included, so no change was written and none was counted."""
    stored = Precedent.objects.get(pk=case.pk)
    fields = [field.attname for field in Precedent._meta.concrete_fields]
    assert {name: getattr(stored, name) for name in fields} == {
        name: getattr(case, name) for name in fields
    }


def escalation_decided_after(
    policy, recorder, decider, *, hours, path="Refund without receipt", amount="90", days_ago=1
):
    """An escalation under `path`, decided `days_ago` days ago, `hours` after it was raised."""
    case = decide(
        record_case(policy, recorder, path_name=path, amount=amount, escalate=True), decider
    )
    decided_at = timezone.now() - datetime.timedelta(days=days_ago)
    Precedent.objects.filter(pk=case.pk).update(
        escalated_at=decided_at - datetime.timedelta(hours=hours), decided_at=decided_at
    )
    return case
