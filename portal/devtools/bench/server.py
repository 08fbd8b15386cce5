"""Run the portal under gunicorn for the length of a benchmark, and read its workers' memory."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from django.conf import settings

READY_SECONDS = 60


@dataclass(frozen=True)
class WorkerMemory:
    pid: int
    rss_mb: float
    peak_rss_mb: float


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackProcess:
    """A process that serves on the loopback for the length of a with statement.

    Entering starts it (start) and returns once it answers (wait_until_ready);
    leaving stops it and waits for it, however the with statement is left, and a
    process that never became ready is stopped too.
    """

    process: subprocess.Popen | None = None
    stop_seconds = 30

    def start(self) -> subprocess.Popen:
        raise NotImplementedError

    def wait_until_ready(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        self.process = self.start()
        try:
            self.wait_until_ready()
        except BaseException:
            # A with statement calls __exit__ only once __enter__ has returned.
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=self.stop_seconds)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Gunicorn(LoopbackProcess):
    """gunicorn serving portal.wsgi on the loopback with the current environment, or with
    `environment` when given.

    Used as a context manager: the server is stopped (and waited for) on exit,
    whatever happened inside.
    """

    def __init__(self, *, workers: int, log: Path, environment: dict[str, str] | None = None):
        self.workers = workers
        self.port = free_port()
        self.log = log
        self.environment = environment

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> subprocess.Popen:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("w") as log:
            return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "portal.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    str(self.workers),
                    # Threads and the rest as production runs them: gunicorn.conf.py.
                    "--config",
                    str(Path(settings.BASE_DIR) / "gunicorn.conf.py"),
                    "--error-logfile",
                    "-",
                ],
                cwd=settings.BASE_DIR,
                env=os.environ.copy() if self.environment is None else self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    @property
    def master(self) -> subprocess.Popen:
        """gunicorn's master process, there from entering the context to leaving it."""
        if self.process is None:
            raise RuntimeError("gunicorn is not running: use Gunicorn in a with statement.")
        return self.process

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            if self.master.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start; see {self.log}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                connection.request("GET", "/accounts/login/")
                status = connection.getresponse().status
                connection.close()
                if status == 200 and len(self.worker_pids()) >= self.workers:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {READY_SECONDS} s; see {self.log}")

    def worker_pids(self) -> list[int]:
        """The master's children, found through /proc."""
        pids = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # The parent pid is the second field after the command, which is in parentheses.
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == self.master.pid:
                pids.append(int(entry.name))
        return sorted(pids)

    def worker_memory(self) -> list[WorkerMemory]:
        """Resident memory now and at its peak (VmRSS, VmHWM) of each worker."""
        memory = []
        for pid in self.worker_pids():
            status = dict(
                line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
            )
            memory.append(
                WorkerMemory(
                    pid=pid,
                    rss_mb=_kilobytes(status["VmRSS"]) / 1024,
                    peak_rss_mb=_kilobytes(status["VmHWM"]) / 1024,
                )
            )
        return memory


def _kilobytes(value: str) -> int:
    return int(value.split()[0])
