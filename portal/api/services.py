"""Writes of API tokens: made, revoked, and when each was last used."""

import datetime
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import TOKEN_PREFIX, ApiToken
from .permissions import may_hold_api_tokens

# A token's last use is written at most this often: once a minute is precise enough
# to tell a token in use from a forgotten one, and a busy client does not write on
# every call.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


@transaction.atomic
def make_api_token(*, user, name: str) -> tuple[ApiToken, str]:
    """Make `user` a token named `name`; return it and its secret, which is kept nowhere
    (only its hash is): the page shows it once."""
    if not may_hold_api_tokens(user):
        raise PermissionDenied(_("Only people with a role in the portal make API tokens."))
    if ApiToken.objects.filter(user=user, name=name).exists():
        raise ValidationError({"name": _("You already have a token by this name.")})
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, secret_hash=ApiToken.hash_of(secret))
    return token, secret


def revoke_api_token(*, user, token_id: int) -> bool:
    """Revoke one of `user`'s tokens, which stops working at once; False if they have none
    by that id."""
    deleted, _kinds = ApiToken.objects.filter(user=user, pk=token_id).delete()
    return bool(deleted)


def note_token_used(*, token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
