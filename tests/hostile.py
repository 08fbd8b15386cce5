"""Hostile input: what people and scripts send to forms and URLs, and the tally of replies.

The tables say what each kind of input is and what a user must see; the test
modules send them to every field of the front end through `send`, which
counts every request and fails the test on a server error with its traceback.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.urls import resolve

from exceptions.models import Precedent, PrecedentTag

MEGABYTE = 1_000_000

# Free text that is legitimate input: stored as typed, always shown as text.
KEPT_TEXT = {
    "script tag": '<script>alert("hostile")</script>',
    "broken-out attribute": '"><img src=x onerror=alert(1)>',
    "SQL metacharacters": "'; DROP TABLE exceptions_precedent; --",
    "LIKE wildcards and backslash": "100% _off_ \\",
    "template syntax": "{{ request.user.password }} {% debug %}",
    "right-to-left override": "\u202eexe.txt مرحبا بالعالم",
    "zero-width characters": "a\u200bb\u200cc\u200dd\ufeffe",
    "emoji": "🔥 refund 👩‍👩‍👧‍👦 🏳️‍🌈",
    "spreadsheet formula": '=HYPERLINK("http://example.com","x")',
}
NUL_BYTE = "before\x00after"
ONE_MEGABYTE = "A" * MEGABYTE
BLANK = " \t\n "
# Free text that is refused, with what the field then says.
REFUSED_TEXT = {
    "NUL byte": (NUL_BYTE, "Null characters are not allowed."),
    "one megabyte": (ONE_MEGABYTE, "Ensure this value has at most"),
}
REQUIRED = {"only whitespace": (BLANK, "This field is required.")}

# Values for a choice, an id or a number that match nothing the portal offers.
UNKNOWN_IDS = [
    "0",
    "-1",
    "999999999",
    # Just past the largest id a database row can have, past 64 bits, and far past.
    str(2**63),
    str(2**64),
    "9" * 30,
    "1.5",
    "1e3",
    "abc",
    "\x00",
    "' OR 1=1 --",
    "[]",
]
NOT_A_CHOICE = [*UNKNOWN_IDS, *KEPT_TEXT.values(), ONE_MEGABYTE]
IMPOSSIBLE_DATES = [
    "2025-02-30",
    "2025-02-29",
    "2025-13-01",
    "0000-00-00",
    "99999-01-01",
    "yesterday",
    "1e9",
    NUL_BYTE,
    ONE_MEGABYTE,
]
NOT_A_PAGE = ["0", "-1", "9" * 30, "1.5", "last", "abc", "1e3", NUL_BYTE, ONE_MEGABYTE]


def unknown_id_message(value: str) -> str:
    """What a field choosing a record by id says about a value that names none."""
    return "Null characters are not allowed." if "\x00" in value else "Select a valid choice"


@dataclass
class Tally:
    requests: int = 0
    server_errors: int = 0
    endpoints: set = field(default_factory=set)

    def as_data(self) -> dict:
        """What a worker of a parallel run hands to the one that prints the summary."""
        return {
            "requests": self.requests,
            "server_errors": self.server_errors,
            "endpoints": sorted(self.endpoints),
        }

    def add(self, data: dict) -> None:
        self.requests += data["requests"]
        self.server_errors += data["server_errors"]
        self.endpoints.update(data["endpoints"])

    def counted(self) -> bool:
        return bool(self.requests)

    def summary(self) -> str:
        return (
            f"hostile input: {self.requests} requests to {len(self.endpoints)} endpoints, "
            f"{self.server_errors} server errors"
        )


TALLY = Tally()


def send(client, method: str, url: str, data=None, **extra):
    """Send one request and return the response with its body read.

    A server error counts in the tally and fails the test with its traceback.
    `content_type` (with `data` as the raw body) and headers go as extra keywords.
    """
    client.raise_request_exception = False
    if "content_type" in extra:
        response = client.generic(method.upper(), url, data, **extra)
    else:
        response = getattr(client, method)(url, data or {}, **extra)
    TALLY.requests += 1
    TALLY.endpoints.add(f"{method.upper()} {resolve(urlsplit(url).path).route}")
    if response.status_code >= 500:
        TALLY.server_errors += 1
        raise response.exc_info[1]
    try:
        response.body_text = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
    except Exception:
        TALLY.server_errors += 1
        raise
    return response


def stored_rows() -> dict[str, int]:
    """How many cases, history rows and tag links there are: nothing may be stored half."""
    return {
        "cases": Precedent.objects.count(),
        "history rows": Precedent.history.count(),
        "tag links": PrecedentTag.objects.count(),
    }


def field_error(response, name: str) -> str:
    """The text of the error block rendered next to field `name`, or "" when it has none."""
    marker = f'id="id_{name}_error"'
    if marker not in response.body_text:
        return ""
    start = response.body_text.index(marker)
    return response.body_text[start : response.body_text.index("</div>", start)]


def assert_refused(response, field, message, before, name=""):
    """The reply shows `message` next to `field` and nothing was stored."""
    assert response.status_code == 200, name
    assert message in field_error(response, field), name
    assert stored_rows() == before, name
