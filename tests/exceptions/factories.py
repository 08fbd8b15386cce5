from decimal import Decimal

from exceptions.choices import Channel
from exceptions.services import record_precedent


def record_case(policy, recorder, *, path_name=None, granted=True, amount=None, **overrides):
    """Record a case through the service, as the record-a-case form does."""
    path = policy.exception_paths.get(name=path_name) if path_name else None
    fields = {
        "situation": "Customer returned a jacket a few days late.",
        "rationale": "Unused and only a few days over.",
        "channel": Channel.PHONE,
        "tags": ["returns"],
        **overrides,
    }
    return record_precedent(
        policy=policy,
        recorder=recorder,
        path=path,
        granted=granted,
        amount=None if amount is None else Decimal(amount),
        **fields,
    )
