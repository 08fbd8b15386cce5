"""Single sign-on through the company's OpenID Connect provider, read from the environment.

With no OIDC_RP_CLIENT_ID the portal signs people in with its own passwords, as
the demo does. With one, every other OIDC_* variable it needs must be set too:
a half-configured sign-on stops the start, saying what is missing.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

from portal import roles

ROLE_NAMES = (roles.STAFF, roles.SUPERVISORS, roles.POLICY_OWNERS, roles.LEADERSHIP)
REQUIRED = (
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


@dataclass(frozen=True)
class SingleSignOn:
    """Single sign-on as the environment configures it (`settings.PORTAL_SSO`)."""

    provider_name: str
    client_id: str
    client_secret: str
    authorization_endpoint: str
    token_endpoint: str
    user_endpoint: str
    jwks_endpoint: str
    # "" when the provider offers no sign-out page (RP-initiated logout).
    logout_endpoint: str
    # "" accepts ID tokens of any issuer signed with the provider's keys.
    issuer: str
    sign_algorithm: str
    scopes: str
    role_groups: Mapping[str, frozenset[str]]
    groups_claim: str
    # "" leaves teams as the admin's Teams page sets them.
    team_claim: str
    timeout_seconds: int
    verify_key_id: bool

    def library_settings(self, content_security_policy: dict) -> dict[str, Any]:
        """The settings mozilla-django-oidc, django-axes and the CSP read, as they name them.

        `content_security_policy` comes back with the provider's sign-out page allowed
        as a form's destination: signing out is a form whose answer goes on there.
        """
        directives = content_security_policy["DIRECTIVES"]
        form_action = directives["form-action"] + (
            [origin(self.logout_endpoint)] if self.logout_endpoint else []
        )
        return {
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": self.authorization_endpoint,
            "OIDC_OP_TOKEN_ENDPOINT": self.token_endpoint,
            "OIDC_OP_USER_ENDPOINT": self.user_endpoint,
            "OIDC_OP_JWKS_ENDPOINT": self.jwks_endpoint,
            "OIDC_RP_SIGN_ALGO": self.sign_algorithm,
            "OIDC_RP_SCOPES": self.scopes,
            "OIDC_VERIFY_KID": self.verify_key_id,
            # A provider that does not answer in time fails the sign-in with a
            # message, instead of holding the request.
            "OIDC_TIMEOUT": self.timeout_seconds,
            # Kept in the session for signing out at the provider too.
            "OIDC_STORE_ID_TOKEN": True,
            "AUTHENTICATION_BACKENDS": [
                "axes.backends.AxesStandaloneBackend",
                "portal.sso.backends.DirectoryBackend",
                "portal.sso.backends.BreakGlassPasswordBackend",
            ],
            # Pauses are for wrong passwords: a failed sign-in at the provider has no
            # username, and counting it would pause everyone behind the same address.
            "AXES_WHITELIST_CALLABLE": "portal.sso.backends.is_provider_sign_in",
            "CONTENT_SECURITY_POLICY": {
                **content_security_policy,
                "DIRECTIVES": {**directives, "form-action": form_action},
            },
        }


def parse_role_groups(text: str) -> dict[str, frozenset[str]]:
    """The directory groups that give each role, from "Staff=cs-frontline;Supervisors=a,b".

    Roles are the portal's own (portal.roles); a role may be given by several
    groups, comma-separated. A role left out is never given nor taken away by a
    sign-in. Group names are compared exactly as the provider sends them.
    """
    mapping: dict[str, set[str]] = {}
    for entry in filter(None, (part.strip() for part in text.split(";"))):
        role, equals, groups = (part.strip() for part in entry.partition("="))
        if not equals or role not in ROLE_NAMES:
            raise ImproperlyConfigured(
                f"OIDC_ROLE_GROUPS: {entry!r} is not <role>=<group>[,<group>...] "
                f"with a role among {', '.join(ROLE_NAMES)}."
            )
        named = {group.strip() for group in groups.split(",") if group.strip()}
        if not named:
            raise ImproperlyConfigured(f"OIDC_ROLE_GROUPS: {entry!r} names no group.")
        mapping.setdefault(role, set()).update(named)
    return {role: frozenset(groups) for role, groups in mapping.items()}


# What each OIDC_OP_* variable is called in a provider's discovery document.
DISCOVERED = {
    "OIDC_OP_ISSUER": "issuer",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}


def variables_from_discovery(document: Mapping[str, Any]) -> dict[str, str]:
    """The OIDC_OP_* variables (and the signing algorithm) a discovery document gives.

    Read once by an operator (`manage.py oidc_endpoints`), never at start-up: a
    provider that is slow or down must not stop the portal from starting.
    Raises ValueError naming what the document lacks.
    """
    optional = {"OIDC_OP_LOGOUT_ENDPOINT"}
    missing = [
        key
        for name, key in DISCOVERED.items()
        if name not in optional and not isinstance(document.get(key), str)
    ]
    if missing:
        raise ValueError(f"the discovery document has no {', '.join(missing)}")
    variables = {
        name: document[key]
        for name, key in DISCOVERED.items()
        if isinstance(document.get(key), str)
    }
    algorithms = document.get("id_token_signing_alg_values_supported") or ["RS256"]
    variables["OIDC_RP_SIGN_ALGO"] = "RS256" if "RS256" in algorithms else str(algorithms[0])
    return variables


def origin(url: str) -> str:
    scheme, host, *_ = urlsplit(url)
    return f"{scheme}://{host}"


def single_sign_on(env: environ.Env) -> SingleSignOn | None:
    """Single sign-on as the OIDC_* variables configure it, or None when it is off."""
    client_id = env.str("OIDC_RP_CLIENT_ID", default="").strip()
    if not client_id:
        return None
    missing = [name for name in REQUIRED if not env.str(name, default="").strip()]
    if missing:
        raise ImproperlyConfigured(
            f"Single sign-on is on (OIDC_RP_CLIENT_ID is set): set {', '.join(missing)} too."
        )
    return SingleSignOn(
        provider_name=env.str("OIDC_PROVIDER_NAME", default="your work account"),
        client_id=client_id,
        client_secret=env.str("OIDC_RP_CLIENT_SECRET").strip(),
        authorization_endpoint=env.str("OIDC_OP_AUTHORIZATION_ENDPOINT").strip(),
        token_endpoint=env.str("OIDC_OP_TOKEN_ENDPOINT").strip(),
        user_endpoint=env.str("OIDC_OP_USER_ENDPOINT").strip(),
        jwks_endpoint=env.str("OIDC_OP_JWKS_ENDPOINT").strip(),
        logout_endpoint=env.str("OIDC_OP_LOGOUT_ENDPOINT", default="").strip(),
        issuer=env.str("OIDC_OP_ISSUER", default="").strip(),
        sign_algorithm=env.str("OIDC_RP_SIGN_ALGO", default="RS256"),
        scopes=env.str("OIDC_RP_SCOPES", default="openid email profile"),
        role_groups=parse_role_groups(env.str("OIDC_ROLE_GROUPS", default="")),
        groups_claim=env.str("OIDC_GROUPS_CLAIM", default="groups"),
        team_claim=env.str("OIDC_TEAM_CLAIM", default=""),
        timeout_seconds=env.int("OIDC_TIMEOUT", default=10),
        # A provider with a single signing key may leave its id out of its tokens.
        verify_key_id=env.bool("OIDC_VERIFY_KID", default=True),
    )
