"""A real OpenID Connect provider for the single sign-on tests: oidc-provider-mock.

It runs in a thread of the test process, on a free port of the loopback, and
speaks plain OpenID Connect over HTTP: the portal fetches its tokens, keys and
userinfo with real requests and checks real RS256 signatures. The test plays the
browser (or drives Chromium through it) and signs a person in at its
authorisation form, as someone would click through it.

What the provider cannot be asked to do by itself, a thin front (`Tampering`) on
the same port does to what passes through, and nothing else:
- "signature": the ID token's claims are changed after the provider signed them;
- "audience": the sign-in is asked for another application of the same
  provider, whose client id replaces the portal's in the authorisation and token
  requests, so the provider issues and signs a token for that application.
Expired tokens come from a second provider whose tokens expire before they are
issued (`access_token_max_age` below zero).
"""

import base64
import datetime
import json
import os
import threading
from contextlib import contextmanager
from io import BytesIO, StringIO
from urllib.parse import parse_qsl, urlencode, urlsplit

import environ
import oidc_provider_mock
import requests
import werkzeug.serving
from django.conf import settings
from django.core.management import call_command

from portal.settings.sso import single_sign_on

PORTAL_CLIENT_ID = "policy-portal"
OTHER_CLIENT_ID = "expenses-app"
ROLE_GROUPS = "Staff=cs-frontline;Supervisors=cs-leads;Policy owners=cs-policy;Leadership=cs-exec"


class Tampering:
    """The WSGI front of the provider, changing what passes through in one `mode` at a time."""

    def __init__(self, provider):
        self.provider = provider
        self.mode = None

    def __call__(self, environ_, start_response):
        if self.mode == "audience" and environ_["PATH_INFO"] in (
            "/oauth2/authorize",
            "/oauth2/token",
        ):
            environ_["QUERY_STRING"] = other_client(environ_["QUERY_STRING"])
            if environ_["REQUEST_METHOD"] == "POST":
                length = int(environ_.get("CONTENT_LENGTH") or 0)
                body = other_client(environ_["wsgi.input"].read(length).decode()).encode()
                environ_["wsgi.input"] = BytesIO(body)
                environ_["CONTENT_LENGTH"] = str(len(body))
        if self.mode != "signature" or environ_["PATH_INFO"] != "/oauth2/token":
            return self.provider(environ_, start_response)
        answer = {}

        def keep(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)

        token = json.loads(b"".join(self.provider(environ_, keep)))
        token["id_token"] = with_claims_changed(token["id_token"], email="someone.else@example.com")
        body = json.dumps(token).encode()
        headers = [(name, value) for name, value in answer["headers"] if name != "Content-Length"]
        start_response(answer["status"], [*headers, ("Content-Length", str(len(body)))])
        return [body]


def other_client(query: str) -> str:
    """`query` asking for the other application wherever it named the portal."""
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode(
        [(key, OTHER_CLIENT_ID if key == "client_id" else value) for key, value in pairs]
    )


def with_claims_changed(jwt: str, **claims) -> str:
    """`jwt` with `claims` written into its payload and its signature left as it was."""
    header, payload, signature = jwt.split(".")
    decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    changed = base64.urlsafe_b64encode(json.dumps({**decoded, **claims}).encode())
    return f"{header}.{changed.decode().rstrip('=')}.{signature}"


class IdentityProvider:
    """One provider serving on the loopback, with the person registry a directory keeps."""

    def __init__(self, server, front):
        self.server = server
        self.front = front
        self.url = f"http://localhost:{server.server_port}"

    def environment(self, **overrides) -> dict[str, str]:
        """The OIDC_* variables an operator would set for this provider, its endpoints as
        `manage.py oidc_endpoints` prints them from its discovery document."""
        out = StringIO()
        call_command("oidc_endpoints", self.url, stdout=out)
        discovered = dict(line.split("=", 1) for line in out.getvalue().splitlines())
        return {
            **discovered,
            "OIDC_RP_CLIENT_ID": PORTAL_CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": "portal-secret",
            "OIDC_PROVIDER_NAME": "Acme",
            "OIDC_ROLE_GROUPS": ROLE_GROUPS,
            "OIDC_TEAM_CLAIM": "department",
            "OIDC_TIMEOUT": "5",
            # Its one signing key has no id, nor do its tokens' headers.
            "OIDC_VERIFY_KID": "false",
            **overrides,
        }

    def put_person(self, sub: str, groups=(), **claims) -> None:
        """Record (or change) `sub` in the provider's directory, in `groups`, with a name,
        an address at acme.example and a team unless `claims` say otherwise."""
        defaults = {
            "email": f"{sub}@acme.example",
            "given_name": sub.title(),
            "family_name": "Example",
            "department": "Returns desk",
        }
        person = {**defaults, "groups": list(groups), **claims}
        requests.put(f"{self.url}/users/{sub}", json=person, timeout=5).raise_for_status()

    def authorize(self, authorization_url: str, sub: str) -> str:
        """Sign `sub` in at the provider's form; return where the provider sends the browser."""
        answer = requests.post(
            authorization_url, data={"sub": sub}, allow_redirects=False, timeout=5
        )
        assert answer.status_code == 302, answer.text
        return answer.headers["Location"]


@contextmanager
def serving(**options):
    """An IdentityProvider on a free port for the duration of the block."""
    # authlib refuses plain HTTP unless told; the loopback carries it here.
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"
    front = Tampering(oidc_provider_mock.app(require_nonce=True, **options))
    server = werkzeug.serving.make_server("localhost", 0, front, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    try:
        yield IdentityProvider(server, front)
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


@contextmanager
def provider_pair():
    """The provider, and one whose tokens are expired as they are issued."""
    expired = datetime.timedelta(minutes=-5)
    with serving() as provider, serving(access_token_max_age=expired) as expiring:
        yield provider, expiring


def switch_on(settings_fixture, monkeypatch, provider: IdentityProvider, **overrides) -> None:
    """Set the provider's OIDC_* variables and apply the settings they make, as start-up would."""
    for name, value in provider.environment(**overrides).items():
        monkeypatch.setenv(name, value)
    sso = single_sign_on(environ.Env())
    settings_fixture.PORTAL_SSO = sso
    for name, value in sso.library_settings(settings.CONTENT_SECURITY_POLICY).items():
        setattr(settings_fixture, name, value)


def sign_in(client, provider: IdentityProvider, sub: str, next_url: str = "/"):
    """Go through the provider's sign-in as `sub` with the test `client` as the browser;
    return the portal's answer to the provider's return."""
    start = client.get("/oidc/authenticate/", {"next": next_url})
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.url}/oauth2/authorize?")
    back = urlsplit(provider.authorize(start["Location"], sub))
    return client.get(back.path, dict(parse_qsl(back.query)))


def signed_in_user(client):
    """Who the portal takes the test `client` for now."""
    return client.get("/").wsgi_request.user
