"""Two app servers, one load balancer, one database and one cache, on the loopback."""

import contextlib
import functools
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import redis
from django.conf import settings

from portal.devtools.bench.server import Gunicorn

from . import checks
from .balancer import HAProxy
from .client import Server
from .scenario import Scenario

PRODUCTION_SETTINGS = "portal.settings.production"


def server_environment(*, database_url: str, redis_url: str) -> dict[str, str]:
    """The environment every app server runs with: production settings, one database,
    one cache, one secret key (a session or CSRF token signed on one server is
    checked on another), and one proxy in front of them."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": PRODUCTION_SETTINGS,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(48),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "PORTAL_TRUSTED_PROXIES": "1",
        "PORTAL_LOGIN_FAILURE_LIMIT": str(settings.AXES_FAILURE_LIMIT),
    }


def collect_static(environment: dict[str, str]) -> None:
    """Collect the static files WhiteNoise serves on each app server, as production does."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
    )


def empty_cache(redis_url: str) -> None:
    """Empty the cache's Redis database: figures kept by an earlier run on an earlier
    database would have the same keys as this run's."""
    redis.Redis.from_url(redis_url).flushdb()


@dataclass(frozen=True)
class Cluster:
    a: Server
    b: Server
    balancer: Server
    haproxy_config: Path


@contextlib.contextmanager
def running_cluster(*, environment: dict[str, str], workers: int, logs: Path) -> Iterator[Cluster]:
    """Servers a and b and HAProxy in front of them, all stopped on leaving, however
    it is left (the balancer first, then each server)."""
    logs.mkdir(parents=True, exist_ok=True)
    with (
        Gunicorn(workers=workers, log=logs / "server-a.log", environment=environment) as a,
        Gunicorn(workers=workers, log=logs / "server-b.log", environment=environment) as b,
        tempfile.TemporaryDirectory(prefix="portal-cluster-") as folder,
        HAProxy(
            servers={"a": a.port, "b": b.port}, folder=Path(folder), log=logs / "haproxy.log"
        ) as balancer,
    ):
        yield Cluster(
            a=Server(name="a", url=a.url, direct=True),
            b=Server(name="b", url=b.url, direct=True),
            balancer=Server(name="the balancer", url=balancer.url, direct=False),
            haproxy_config=balancer.config,
        )


def every_check(cluster: Cluster, scenario: Scenario) -> list[checks.Check]:
    """Each check twice: acting on server a and reading on server b, then acting and
    reading through the balancer, which hands each request to the next server."""
    limit = settings.AXES_FAILURE_LIMIT
    found = []
    for way, write, read, route, pause_reads in (
        ("a → b", cluster.a, cluster.b, scenario.direct, [cluster.b]),
        (
            "balancer",
            cluster.balancer,
            cluster.balancer,
            scenario.balanced,
            [cluster.balancer, cluster.a, cluster.b],
        ),
    ):
        found += [
            checks.Check(
                f"[{way}] a sign-in holds on the other server (shared session)",
                functools.partial(
                    checks.session_is_shared, write=write, read=read, person=route.reader
                ),
            ),
            checks.Check(
                f"[{way}] a new case shows at once in the other's case list, counts and insights",
                functools.partial(
                    checks.case_is_shared,
                    write=write,
                    read=read,
                    person=route.recorder,
                    leader=scenario.leader,
                    policy=route.case_policy,
                ),
            ),
            checks.Check(
                f"[{way}] an approved version shows on the other's policy page",
                functools.partial(
                    checks.version_is_shared,
                    write=write,
                    read=read,
                    leader=scenario.leader,
                    draft=route.draft,
                ),
            ),
            checks.Check(
                f"[{way}] {limit} wrong passwords pause the login on every server",
                functools.partial(
                    checks.pause_is_shared,
                    write=write,
                    reads=pause_reads,
                    person=route.paused,
                    failure_limit=limit,
                ),
            ),
        ]
    return found
