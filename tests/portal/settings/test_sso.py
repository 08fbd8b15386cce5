"""Single sign-on is configured from the environment, all of it or none of it."""

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from portal import roles
from portal.settings.base import CONTENT_SECURITY_POLICY
from portal.settings.sso import (
    REQUIRED,
    parse_role_groups,
    single_sign_on,
    variables_from_discovery,
)
from tests.portal.test_settings import PRODUCTION_ENV, run_manage

COMPLETE = {
    "OIDC_RP_CLIENT_ID": "policy-portal",
    "OIDC_RP_CLIENT_SECRET": "secret",
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://login.acme.example/authorize",
    "OIDC_OP_TOKEN_ENDPOINT": "https://login.acme.example/token",
    "OIDC_OP_USER_ENDPOINT": "https://login.acme.example/userinfo",
    "OIDC_OP_JWKS_ENDPOINT": "https://login.acme.example/jwks",
}


def sso_from(monkeypatch, variables):
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    return single_sign_on(environ.Env())


def test_without_a_client_id_single_sign_on_is_off(monkeypatch):
    monkeypatch.delenv("OIDC_RP_CLIENT_ID", raising=False)

    assert sso_from(monkeypatch, {"OIDC_RP_CLIENT_SECRET": "set but unused"}) is None


@pytest.mark.parametrize("missing", REQUIRED)
def test_a_client_id_without_the_rest_stops_the_start_naming_what_is_missing(monkeypatch, missing):
    monkeypatch.delenv(missing, raising=False)
    variables = {name: value for name, value in COMPLETE.items() if name != missing}

    with pytest.raises(ImproperlyConfigured, match=missing):
        sso_from(monkeypatch, variables)


def test_a_complete_configuration_signs_in_through_the_provider_and_its_sign_out_page(
    monkeypatch,
):
    sso = sso_from(
        monkeypatch,
        {
            **COMPLETE,
            "OIDC_OP_LOGOUT_ENDPOINT": "https://login.acme.example/logout",
            "OIDC_PROVIDER_NAME": "Acme",
            "OIDC_ROLE_GROUPS": "Staff=cs-frontline",
        },
    )
    made = sso.library_settings(CONTENT_SECURITY_POLICY)

    assert sso.provider_name == "Acme"
    assert sso.role_groups == {roles.STAFF: frozenset({"cs-frontline"})}
    assert made["OIDC_RP_SIGN_ALGO"] == "RS256"
    assert made["OIDC_OP_TOKEN_ENDPOINT"] == "https://login.acme.example/token"
    assert "django.contrib.auth.backends.ModelBackend" not in made["AUTHENTICATION_BACKENDS"]
    form_action = made["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]["form-action"]
    assert "https://login.acme.example" in form_action
    # The base policy is left as it was, for the settings that read it later.
    assert "https://login.acme.example" not in CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"]


@pytest.mark.parametrize(
    ("text", "mapping"),
    [
        ("", {}),
        ("Staff=cs-frontline", {"Staff": {"cs-frontline"}}),
        (
            " Staff = cs-frontline , cs-temps ; Supervisors=cs-leads; ",
            {"Staff": {"cs-frontline", "cs-temps"}, "Supervisors": {"cs-leads"}},
        ),
        ("Staff=a;Staff=b", {"Staff": {"a", "b"}}),
        (
            "Policy owners=cs-policy;Leadership=cs-exec",
            {
                "Policy owners": {"cs-policy"},
                "Leadership": {"cs-exec"},
            },
        ),
    ],
)
def test_role_groups_read_as_roles_given_by_groups(text, mapping):
    assert parse_role_groups(text) == {role: frozenset(groups) for role, groups in mapping.items()}


@pytest.mark.parametrize(
    "text",
    ["Admins=it-admins", "staff=cs-frontline", "Staff", "Staff=", "Staff= , ", "=cs-frontline"],
)
def test_role_groups_naming_no_portal_role_or_no_group_stop_the_start(text):
    with pytest.raises(ImproperlyConfigured, match="OIDC_ROLE_GROUPS"):
        parse_role_groups(text)


def test_production_with_single_sign_on_passes_the_deploy_check():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, **COMPLETE}
    )

    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_with_half_a_single_sign_on():
    result = run_manage("check", env={**PRODUCTION_ENV, "OIDC_RP_CLIENT_ID": "policy-portal"})

    assert result.returncode != 0
    assert "set OIDC_RP_CLIENT_SECRET, OIDC_OP_AUTHORIZATION_ENDPOINT" in result.stderr


def test_a_provider_without_a_sign_out_page_is_set_up_without_one():
    document = {
        "issuer": "https://login.acme.example",
        "authorization_endpoint": "https://login.acme.example/authorize",
        "token_endpoint": "https://login.acme.example/token",
        "userinfo_endpoint": "https://login.acme.example/userinfo",
        "jwks_uri": "https://login.acme.example/keys",
        "id_token_signing_alg_values_supported": ["ES256"],
    }

    variables = variables_from_discovery(document)

    assert "OIDC_OP_LOGOUT_ENDPOINT" not in variables
    assert variables["OIDC_RP_SIGN_ALGO"] == "ES256"


def test_a_document_missing_an_endpoint_names_it():
    with pytest.raises(ValueError, match="token_endpoint, userinfo_endpoint, jwks_uri"):
        variables_from_discovery(
            {"issuer": "x", "authorization_endpoint": "y", "userinfo_endpoint": 3}
        )
