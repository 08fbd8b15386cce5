"""Signing in: through the identity provider, or with a break-glass account's password."""

import logging

import jwt
import requests
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import (  # type: ignore[import-untyped]
    OIDCAuthenticationBackend,
    default_username_algo,
)

from . import configured
from .accounts import is_break_glass, update_account
from .claims import read_person

logger = logging.getLogger(__name__)


class DirectoryBackend(OIDCAuthenticationBackend):
    """Signs in the person the provider vouches for, creating their account the first time
    and updating it from the directory every time.

    The account is found by email address, so an account that existed before single
    sign-on (with the same address) is taken over rather than duplicated.
    """

    def authenticate(self, request, **kwargs):
        # Only the provider's return (portal.sso.views) passes a nonce: a password
        # form sent to a URL with ?code= never reaches the provider from here.
        if "nonce" not in kwargs:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, jwt.PyJWTError, requests.RequestException) as error:
            # The callback then says that signing in did not work; the log says why.
            logger.warning("Sign-in through the identity provider refused: %s", error)
            return None
        except (KeyError, TypeError, ValueError):
            # An answer of the provider's not shaped as OpenID Connect says (a token
            # header without its key id, a userinfo that is not an object).
            logger.warning("The identity provider's answer could not be read.", exc_info=True)
            return None

    def get_user(self, user_id):
        # Django's own, which the library's replaces with one that keeps a deactivated
        # account's sessions alive.
        return ModelBackend.get_user(self, user_id)

    def get_payload_data(self, token, key):
        """The ID token's claims, once its signature, audience, issuer and expiry hold.

        The library checks the signature only; a token made for another application
        of the same provider, or an old one, would otherwise sign someone in.
        """
        header = jwt.get_unverified_header(token)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"ID token signed with {header.get('alg')!r}.")
        return jwt.decode(
            token,
            key,
            algorithms=[self.OIDC_RP_SIGN_ALGO],
            audience=self.OIDC_RP_CLIENT_ID,
            issuer=configured().issuer or None,
            options={"require": ["exp", "iat", "aud", "sub"]},
        )

    def verify_claims(self, claims):
        email = claims.get("email")
        return isinstance(email, str) and bool(email.strip())

    def create_user(self, claims):
        email = claims["email"].strip()
        username = email.lower()
        user_model = self.UserModel
        if len(username) > 150 or user_model.objects.filter(username=username).exists():
            # A local account already has that name (with another address).
            username = default_username_algo(email)
        user = user_model.objects.create_user(username, email=email)
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        sso = configured()
        person = read_person(
            claims,
            role_groups=sso.role_groups,
            groups_claim=sso.groups_claim,
            team_claim=sso.team_claim,
        )
        update_account(user=user, person=person, governed_roles=frozenset(sso.role_groups))
        return user


class BreakGlassPasswordBackend(ModelBackend):
    """Passwords, while single sign-on is on, for break-glass accounts only.

    Asked again on every request of a session it began, so taking an account off
    the break-glass list ends its sessions too.
    """

    def user_can_authenticate(self, user):
        return super().user_can_authenticate(user) and is_break_glass(user)


def is_provider_sign_in(request, credentials) -> bool:
    """Whether django-axes should leave this attempt alone: a return from the provider,
    which carries no username and no password to pause."""
    return "nonce" in credentials and not credentials.get("username")
