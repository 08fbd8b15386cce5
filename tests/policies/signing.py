"""Signing policies in tests: what a reader does, and which version they are asked to sign."""

from policies.models import SignableVersion
from policies.services import acknowledge_policy
from policies.signatures import acknowledgement_status


def sign(policy, user):
    status = acknowledgement_status(policy=policy, user=user)
    return acknowledge_policy(
        policy=policy, user=user, revision_id=status["version_to_sign"].revision.pk
    )


def titles(policies):
    return [policy.title for policy in policies]


def version_to_sign(policy) -> int | None:
    return (
        SignableVersion.objects.filter(policy=policy).values_list("revision_id", flat=True).first()
    )
