"""A delivery is signed over its timestamp and body, and a receiver's answer, whatever it
is, becomes an outcome to log, never an exception."""

import hashlib
import hmac
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from portal.webhooks.sending import post_signed, signature

from .receiver import is_from_the_portal


def test_the_signature_is_hmac_sha256_over_timestamp_dot_body():
    body = b'{"id":"1"}'
    expected = hmac.new(b"s3cret", b"1767225600." + body, hashlib.sha256).hexdigest()

    assert signature(secret="s3cret", timestamp=1767225600, body=body) == f"sha256={expected}"


def test_another_secret_or_timestamp_signs_differently():
    body = b"{}"
    signed = signature(secret="a", timestamp=1, body=body)

    assert signature(secret="b", timestamp=1, body=body) != signed
    assert signature(secret="a", timestamp=2, body=body) != signed


@pytest.fixture
def redirecting_server():
    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self):
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:1/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format, *args):
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/moved"
    server.shutdown()
    server.server_close()


def test_a_redirect_is_not_followed_and_counts_as_a_failure(redirecting_server):
    outcome = post_signed(
        url=redirecting_server, secret="s", body="{}", event="e", event_id="1", timeout=2
    )

    assert outcome.response_code == 302
    assert not outcome.succeeded
    assert outcome.error.startswith("HTTP 302")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "not a url"])
def test_only_web_addresses_are_posted_to(url):
    outcome = post_signed(url=url, secret="s", body="{}", event="e", event_id="1", timeout=2)

    assert outcome.response_code is None
    assert outcome.error
    assert not outcome.succeeded


def test_the_readmes_check_takes_a_delivery_and_refuses_a_changed_or_replayed_one():
    body = b'{"id":"1"}'
    now = int(time.time())
    headers = {
        "X-Portal-Timestamp": str(now),
        "X-Portal-Signature": signature(secret="s3cret", timestamp=now, body=body),
    }
    replayed_at = now - 600
    replayed = {
        "X-Portal-Timestamp": str(replayed_at),
        "X-Portal-Signature": signature(secret="s3cret", timestamp=replayed_at, body=body),
    }

    assert is_from_the_portal("s3cret", headers, body)
    assert not is_from_the_portal("s3cret", headers, b'{"id":"2"}')
    assert not is_from_the_portal("another", headers, body)
    assert not is_from_the_portal("s3cret", replayed, body)
