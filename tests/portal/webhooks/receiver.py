"""A webhook receiver for the tests: a real HTTP server on a free port of the loopback, in
a thread, that checks each delivery as a receiver should (its signature, with the
endpoint's secret, by the README's own five lines, and its timestamp) and keeps what it
received.

`fail_first` answers the first N deliveries with 500 (to prove the retries); `hang`
holds every request without answering until the receiver is closed.
"""

import json
import re
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# A receiver refuses deliveries signed longer ago than this: a replay of a captured one.
TOLERANCE_SECONDS = 300


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict
    body: bytes
    signature_valid: bool
    timestamp_fresh: bool

    @property
    def payload(self):
        return json.loads(self.body)

    @property
    def event_id(self) -> str:
        return self.headers["X-Portal-Event-Id"]


README = Path(__file__).resolve().parents[3] / "README.md"


def readme_signature_check():
    """`is_from_the_portal`, the check the README gives receivers, as the README has it."""
    code = re.search(
        r"```python\n(import hashlib.*?def is_from_the_portal.*?)```", README.read_text(), re.DOTALL
    )
    namespace: dict = {}
    exec(code.group(1), namespace)  # noqa: S102 (the project's own README)
    return namespace["is_from_the_portal"]


is_from_the_portal = readme_signature_check()


class Receiver:
    def __init__(self, *, fail_first: int = 0, hang: bool = False):
        self.fail_first = fail_first
        self.hang = hang
        self.released = threading.Event()
        self.secrets: dict[str, str] = {}
        self.received: list[Received] = []
        self.requests = 0
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/{name}"

    def listen_for(self, endpoint) -> None:
        """Check what arrives at the endpoint's address with its secret."""
        self.secrets[f"/{endpoint.url.rsplit('/', 1)[1]}"] = endpoint.secret

    def at(self, name: str) -> list[Received]:
        return [received for received in self.received if received.path == f"/{name}"]

    def close(self):
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if receiver.hang:
                    receiver.released.wait(timeout=30)
                    return
                headers = dict(self.headers.items())
                secret = receiver.secrets.get(self.path, "")
                timestamp = int(headers.get("X-Portal-Timestamp", "0"))
                received = Received(
                    path=self.path,
                    headers=headers,
                    body=body,
                    signature_valid=bool(secret) and is_from_the_portal(secret, headers, body),
                    timestamp_fresh=abs(time.time() - timestamp) <= TOLERANCE_SECONDS,
                )
                with receiver.lock:
                    receiver.requests += 1
                    failing = receiver.requests <= receiver.fail_first
                    receiver.received.append(received)
                if not (received.signature_valid and received.timestamp_fresh):
                    status = 401
                else:
                    status = 500 if failing else 200
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok" if status == 200 else b"no")

            def log_message(self, format, *args):
                """Quiet: the test says what went wrong."""

        return Handler
