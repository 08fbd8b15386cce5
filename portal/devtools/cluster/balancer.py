"""HAProxy in front of the app servers, as a company running several of them would put it."""

import http.client
import shutil
import subprocess
import time
from pathlib import Path

from portal.devtools.bench.server import LoopbackProcess, free_port

READY_SECONDS = 30
# The header each answer through the balancer carries: which app server gave it.
SERVED_BY_HEADER = "X-Served-By"
# Debian installs HAProxy in sbin, which is not on every user's PATH.
SBIN = "/usr/sbin"


def haproxy_path() -> str:
    """Where Debian's haproxy is installed, or an error saying how to install it."""
    path = shutil.which("haproxy") or shutil.which("haproxy", path=SBIN)
    if path is None:
        raise RuntimeError("HAProxy is not installed: apt-get install haproxy (make does it).")
    return path


def haproxy_config(*, port: int, servers: dict[str, int]) -> str:
    """A configuration that spreads requests over `servers` (name -> port) in turn.

    Each request is balanced on its own (round robin) and its answer names the
    server that gave it. The balancer adds the client's address to
    X-Forwarded-For, as the one proxy PORTAL_TRUSTED_PROXIES=1 tells the app
    servers to trust, and takes a server out while it fails its health check
    (the login page, which answers without signing in).
    """
    lines = [
        "global",
        "    maxconn 256",
        "defaults",
        "    mode http",
        "    timeout connect 5s",
        "    timeout client 60s",
        "    timeout server 60s",
        "    option forwardfor",
        "frontend portal",
        f"    bind 127.0.0.1:{port}",
        "    default_backend app_servers",
        "backend app_servers",
        "    balance roundrobin",
        "    option httpchk",
        "    http-check send meth GET uri /accounts/login/ ver HTTP/1.1 hdr Host 127.0.0.1",
        "    http-check expect status 200",
        f"    http-response set-header {SERVED_BY_HEADER} %[srv_name]",
    ]
    lines += [
        f"    server {name} 127.0.0.1:{server_port} check inter 2s"
        for name, server_port in servers.items()
    ]
    return "\n".join(lines) + "\n"


class HAProxy(LoopbackProcess):
    """HAProxy in the foreground on a free loopback port, balancing over `servers`
    (name -> port), with its configuration written to `folder` and its output to `log`.

    Used as a context manager (LoopbackProcess): entering returns once the balancer
    has passed a request to every server.
    """

    def __init__(self, *, servers: dict[str, int], folder: Path, log: Path):
        self.servers = servers
        self.port = free_port()
        self.config = folder / "haproxy.cfg"
        self.log = log

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> subprocess.Popen:
        self.config.write_text(haproxy_config(port=self.port, servers=self.servers))
        with self.log.open("w") as log:
            return subprocess.Popen(  # noqa: S603 - Debian's haproxy, our own configuration
                [haproxy_path(), "-db", "-f", str(self.config)],
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def wait_until_ready(self) -> None:
        """Return once the balancer has passed a request to every server."""
        deadline = time.monotonic() + READY_SECONDS
        answered: set[str] = set()
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"HAProxy stopped at start; see {self.log}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/accounts/login/")
                response = connection.getresponse()
                response.read()
                connection.close()
                if response.status == 200:
                    answered.add(response.headers.get(SERVED_BY_HEADER, ""))
                if answered >= set(self.servers):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(
            f"HAProxy did not reach every server within {READY_SECONDS} s; see {self.log}"
        )
