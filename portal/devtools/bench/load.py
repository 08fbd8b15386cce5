"""Sign in over HTTP and put one page under load with wrk."""

import http.client
import json
import re
import shutil
import subprocess
import time
from collections import Counter
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import SplitResult, urlencode, urlsplit

REPORT_SCRIPT = Path(__file__).with_name("wrk_report.lua")
SETTLE_SECONDS = 0.2
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class LoadError(Exception):
    pass


@dataclass(frozen=True)
class Load:
    """How hard and how long to press each page.

    Each page gets `seconds` in all, split over `rounds` that take the pages in
    turn, so a burst of other work on the machine falls on every page alike.

    With `connection_per_request`, each request opens its own connection, and so finds
    a gunicorn worker as a new visitor's does. Kept alive, wrk's connections stay with
    the workers that took them, and whether two had landed on the same one (sharing its
    interpreter) decided a page's figures: the floor's median was 2.0 ms in some runs
    and 4.4 in others, and a search's 3.3 or 7.2.
    """

    connections: int
    seconds: int
    warmup_seconds: int
    rounds: int
    connection_per_request: bool = False


@dataclass
class WrkRun:
    """One wrk run: its totals and its latency histogram (microseconds -> requests)."""

    requests: int
    seconds: float
    errors: int
    non_2xx: int
    histogram: Counter


@dataclass(frozen=True)
class Measured:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    non_2xx: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    @classmethod
    def merge(cls, runs: list[WrkRun]) -> "Measured":
        histogram = sum((run.histogram for run in runs), Counter())
        return cls(
            requests=sum(run.requests for run in runs),
            seconds=sum(run.seconds for run in runs),
            p50_ms=percentile(histogram, 50) / 1000,
            p95_ms=percentile(histogram, 95) / 1000,
            p99_ms=percentile(histogram, 99) / 1000,
            errors=sum(run.errors for run in runs),
            non_2xx=sum(run.non_2xx for run in runs),
        )


def percentile(histogram: Counter, share: float) -> int:
    """The latency below which `share` percent of requests fall, as wrk computes it."""
    total = sum(histogram.values())
    rank = round(share / 100 * total + 0.5)
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return 0


def connect(url: SplitResult, *, timeout: float) -> http.client.HTTPConnection:
    """A connection to the host and port of `url`, which must name a host."""
    if url.hostname is None:
        raise LoadError(f"No host to connect to in {url.geturl()}.")
    return http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)


def sign_in(base_url: str, username: str, password: str) -> str:
    """Sign in through the login form; return the Cookie header of the session.

    The cookies are handled by hand: production settings mark them Secure, which
    a cookie jar would refuse to send back over the plain HTTP of the loopback.
    """
    parts = urlsplit(base_url)
    connection = connect(parts, timeout=30)
    connection.request("GET", "/accounts/login/")
    response = connection.getresponse()
    page = response.read().decode()
    cookies = SimpleCookie()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    token = CSRF_FIELD.search(page)
    if response.status != 200 or token is None or "csrftoken" not in cookies:
        raise LoadError(f"The login page answered {response.status} without a CSRF token.")
    connection.request(
        "POST",
        "/accounts/login/",
        body=urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token[1]}
        ),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken'].value}",
        },
    )
    response = connection.getresponse()
    response.read()
    for header in response.headers.get_all("Set-Cookie") or []:
        cookies.load(header)
    connection.close()
    if response.status != 302 or "sessionid" not in cookies:
        raise LoadError(f"Signing in as {username} failed (HTTP {response.status}).")
    return "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())


def wrk_path() -> str:
    path = shutil.which("wrk")
    if path is None:
        raise LoadError("wrk is not installed: apt-get install wrk (make bench does it).")
    return path


def warm_up(url: str, cookie: str, load: Load) -> None:
    if load.warmup_seconds:
        run_wrk(
            url,
            cookie,
            load.connections,
            load.warmup_seconds,
            close=load.connection_per_request,
        )


def run_wrk(
    url: str, cookie: str, connections: int, seconds: int, *, close: bool = False
) -> WrkRun:
    """Press `url` with wrk for `seconds` on the loopback, on `connections` kept alive or,
    with `close`, a connection per request; return what it measured."""
    if urlsplit(url).hostname not in ("127.0.0.1", "localhost", "::1"):
        raise LoadError(f"The benchmark only loads the loopback, not {url}.")
    completed = subprocess.run(  # noqa: S603 - fixed arguments, loopback only
        [
            wrk_path(),
            "--threads",
            "1",
            "--connections",
            str(connections),
            "--duration",
            f"{seconds}s",
            "--timeout",
            "10s",
            "--script",
            str(REPORT_SCRIPT),
            "--header",
            f"Cookie: {cookie}",
            *(["--header", "Connection: close"] if close else []),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=False,
    )
    report = completed.stdout.strip().splitlines()[-1:] if completed.returncode == 0 else []
    if not report or not report[0].startswith("{"):
        raise LoadError(f"wrk failed on {url}: {completed.stderr.strip() or completed.stdout}")
    data = json.loads(report[0])
    run = WrkRun(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        errors=data["errors"],
        non_2xx=data["non_2xx"],
        histogram=Counter(dict(data["histogram"])),
    )
    # wrk stops when its time is up, but the server still works on the requests it
    # left in flight; waiting as long as the slowest one took keeps them from
    # landing on the next page's measurement (seen: a floor p95 of 200 ms after
    # insights, 13 ms after a pause).
    time.sleep(max(run.histogram, default=0) / 1e6 + SETTLE_SECONDS)
    return run
