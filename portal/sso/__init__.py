"""Single sign-on through the company's OpenID Connect provider, with mozilla-django-oidc.

`claims` reads what the provider says of a person (pure), `accounts` writes it onto
their account, `backends` signs people in (through the provider, or with a
break-glass password), `views` starts a sign-in and answers the provider's return.
Its settings come from the environment (portal/settings/sso.py).
"""

from django.conf import settings

from portal.settings.sso import SingleSignOn


def sso_enabled() -> bool:
    """Whether people sign in through the identity provider (OIDC_RP_CLIENT_ID is set)."""
    return settings.PORTAL_SSO is not None


def configured() -> SingleSignOn:
    """Single sign-on's settings; asked only where it is on."""
    if settings.PORTAL_SSO is None:
        raise LookupError("Single sign-on is off: no OIDC_RP_CLIENT_ID.")
    return settings.PORTAL_SSO


def provider_name() -> str:
    """The provider's name as the sign-in button says it: "Sign in with <name>"."""
    return configured().provider_name
