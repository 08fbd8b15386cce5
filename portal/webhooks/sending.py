"""One signed POST to a receiver, and what came of it.

The signature is HMAC-SHA256, keyed with the endpoint's secret, over the timestamp, a
dot and the body exactly as sent ("<timestamp>.<body>"): a receiver recomputes it, and
refuses a timestamp too far from its own clock, so a captured delivery cannot be
replayed later. Redirects are not followed: a receiver that moved answers 3xx, which
counts as a failure the delivery log shows.
"""

import hashlib
import hmac
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

SIGNATURE_HEADER = "X-Portal-Signature"
TIMESTAMP_HEADER = "X-Portal-Timestamp"
EVENT_HEADER = "X-Portal-Event"
EVENT_ID_HEADER = "X-Portal-Event-Id"
# What an error keeps of a receiver's answer: enough to read what went wrong.
ERROR_LENGTH = 500


@dataclass(frozen=True)
class Outcome:
    response_code: int | None
    error: str
    duration_ms: int

    @property
    def succeeded(self) -> bool:
        return self.response_code is not None and 200 <= self.response_code < 300


def signature(*, secret: str, timestamp: int, body: bytes) -> str:
    """The X-Portal-Signature value for a body sent at `timestamp` (seconds since 1970)."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={digest.hexdigest()}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post_signed(
    *, url: str, secret: str, body: str, event: str, event_id: str, timeout: float
) -> Outcome:
    """POST the body, signed now; never raises for anything the receiver or network does."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        return Outcome(response_code=None, error="Only http and https addresses.", duration_ms=0)
    data = body.encode()
    timestamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        url,
        data=data,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "policy-portal-webhooks",
            EVENT_HEADER: event,
            EVENT_ID_HEADER: event_id,
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: signature(secret=secret, timestamp=timestamp, body=data),
        },
    )
    started = time.monotonic()
    code: int | None = None
    error = ""
    try:
        with _opener.open(request, timeout=timeout) as response:
            code = response.status
    except urllib.error.HTTPError as refused:
        code = refused.code
        error = _answer(refused)
    except (OSError, ValueError) as failed:  # refused, unreachable, timed out, bad address
        error = str(getattr(failed, "reason", None) or failed) or type(failed).__name__
    return Outcome(
        response_code=code,
        error=error[:ERROR_LENGTH],
        duration_ms=int((time.monotonic() - started) * 1000),
    )


def _answer(refused: urllib.error.HTTPError) -> str:
    try:
        text = refused.read(ERROR_LENGTH).decode(errors="replace")
    except OSError:
        text = ""
    return f"HTTP {refused.code} {refused.reason}: {text}".strip().rstrip(":")
