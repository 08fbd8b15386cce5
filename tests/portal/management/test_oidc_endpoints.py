"""The provider's endpoints, read from its discovery document for the operator to set."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.identity_provider import serving


def test_the_endpoints_of_a_real_provider_are_printed_as_variables():
    out = StringIO()
    with serving() as provider:
        call_command("oidc_endpoints", f"{provider.url}/", stdout=out)

    assert out.getvalue().splitlines() == [
        f"OIDC_OP_ISSUER={provider.url}",
        f"OIDC_OP_AUTHORIZATION_ENDPOINT={provider.url}/oauth2/authorize",
        f"OIDC_OP_TOKEN_ENDPOINT={provider.url}/oauth2/token",
        f"OIDC_OP_USER_ENDPOINT={provider.url}/userinfo",
        f"OIDC_OP_JWKS_ENDPOINT={provider.url}/jwks",
        f"OIDC_OP_LOGOUT_ENDPOINT={provider.url}/oauth2/end_session",
        "OIDC_RP_SIGN_ALGO=RS256",
    ]


def test_an_address_that_is_no_provider_is_said_plainly():
    with serving() as provider, pytest.raises(CommandError, match="Could not read"):
        call_command("oidc_endpoints", f"{provider.url}/jwks")
