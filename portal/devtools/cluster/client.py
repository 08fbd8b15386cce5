"""A person's browser, reduced to what the cluster check needs: cookies, forms, answers."""

import http.client
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from portal.devtools.bench.load import connect

from .balancer import SERVED_BY_HEADER

LOGIN_PATH = "/accounts/login/"
# The address every request of the check comes from.
CLIENT_ADDRESS = "127.0.0.1"


@dataclass(frozen=True)
class Server:
    """Where a request goes: an app server directly, or the load balancer."""

    name: str
    url: str
    direct: bool

    def headers(self) -> dict[str, str]:
        """The app servers trust one proxy (PORTAL_TRUSTED_PROXIES=1), as behind the
        balancer: a request sent to one directly carries the X-Forwarded-For the
        balancer would add, so it comes from the same client either way."""
        return {"X-Forwarded-For": CLIENT_ADDRESS} if self.direct else {}


@dataclass(frozen=True)
class Answer:
    status: int
    body: str
    location: str
    # The app server that answered, as the balancer names it; a server's own name when direct.
    served_by: str


class HiddenInputs(HTMLParser):
    """The names and values of a page's hidden form fields."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("type") == "hidden" and attributes.get("name"):
            self.values[attributes["name"] or ""] = attributes.get("value") or ""


def hidden_inputs(page: str) -> dict[str, str]:
    parser = HiddenInputs()
    parser.feed(page)
    return parser.values


@dataclass
class Browser:
    """One person's browser: the same cookies go with every request, whichever server
    it is sent to.

    Cookies are kept by hand: production settings mark them Secure, which a
    cookie jar would refuse to send back over the plain HTTP of the loopback.
    """

    cookies: SimpleCookie = field(default_factory=SimpleCookie)

    def get(self, server: Server, path: str) -> Answer:
        return self._request(server, "GET", path)

    def post(self, server: Server, path: str, fields: dict[str, str]) -> Answer:
        """Send a form, with the CSRF token of the form page opened last."""
        return self._request(
            server,
            "POST",
            path,
            body=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )

    def fill_in(self, server: Server, path: str, fields: dict[str, str]) -> Answer:
        """Open the form at `path` and send it with `fields` and its hidden ones."""
        form = self.get(server, path)
        if form.status != http.client.OK:
            return form
        return self.post(server, path, {**hidden_inputs(form.body), **fields})

    def sign_in(self, server: Server, username: str, password: str) -> Answer:
        return self.fill_in(server, LOGIN_PATH, {"username": username, "password": password})

    def _request(
        self, server: Server, method: str, path: str, *, body=None, headers=None
    ) -> Answer:
        connection = connect(urlsplit(server.url), timeout=30)
        cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        connection.request(
            method,
            path,
            body=body,
            headers={
                **server.headers(),
                **(headers or {}),
                **({"Cookie": cookie} if cookie else {}),
            },
        )
        response = connection.getresponse()
        page = response.read().decode()
        connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        for name in [name for name, morsel in self.cookies.items() if not morsel.value]:
            del self.cookies[name]
        return Answer(
            status=response.status,
            body=page,
            location=response.headers.get("Location", ""),
            served_by=response.headers.get(SERVED_BY_HEADER, server.name),
        )
