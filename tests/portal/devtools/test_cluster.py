"""The load balancer of `make cluster-check`, in front of two stand-in app servers.

`make cluster-check` runs the whole check against gunicorn; this checks the
balancer it starts, without a database: each request to the next server, which
it names, with the client's address appended, and no process left behind.
"""

import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from portal.devtools.cluster.balancer import HAProxy
from portal.devtools.cluster.client import Browser, Server

pytestmark = pytest.mark.skipif(
    shutil.which("haproxy") is None and shutil.which("haproxy", path="/usr/sbin") is None,
    reason="needs HAProxy (apt-get install haproxy)",
)


class EchoForwardedFor(BaseHTTPRequestHandler):
    """Answers every request with the X-Forwarded-For it received."""

    def do_GET(self):
        body = (self.headers.get("X-Forwarded-For") or "").encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def stand_in_servers() -> Iterator[dict[str, int]]:
    servers = {name: ThreadingHTTPServer(("127.0.0.1", 0), EchoForwardedFor) for name in "ab"}
    for server in servers.values():
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield {name: server.server_address[1] for name, server in servers.items()}
    for server in servers.values():
        server.shutdown()
        server.server_close()


def test_the_balancer_hands_each_request_to_the_next_server_and_says_which(
    stand_in_servers, tmp_path
):
    with HAProxy(servers=stand_in_servers, folder=tmp_path, log=tmp_path / "log") as balancer:
        server = Server(name="balancer", url=balancer.url, direct=False)
        answers = [Browser().get(server, "/") for _ in range(4)]
        process = balancer.process

    served_by = [answer.served_by for answer in answers]
    assert served_by in (["a", "b", "a", "b"], ["b", "a", "b", "a"])
    assert {answer.body for answer in answers} == {"127.0.0.1"}
    assert process is not None
    assert process.poll() is not None


def test_a_balancer_that_cannot_start_is_reported_and_leaves_nothing_running(tmp_path):
    # No server listens on a port past 65535: HAProxy refuses the configuration.
    balancer = HAProxy(servers={"a": 70000}, folder=tmp_path, log=tmp_path / "log")

    with pytest.raises(RuntimeError, match="HAProxy stopped at start"):
        balancer.__enter__()

    assert balancer.process is not None
    assert balancer.process.poll() is not None
