"""Reads of API tokens."""

from django.db.models import QuerySet

from .models import ApiToken


def token_of(*, secret: str) -> ApiToken | None:
    """The active person's token whose secret is `secret`, or None."""
    if not secret:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(secret_hash=ApiToken.hash_of(secret), user__is_active=True)
        .first()
    )


def tokens_of(*, user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
