"""Download the CSV of every case, as many times at once as asked, again and again until
told to stop, and time each download."""

import http.client
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from .load import connect

CHUNK_BYTES = 64 * 1024


@dataclass
class Download:
    status: int = 0
    seconds: float = 0.0
    first_byte_seconds: float = 0.0
    size_mb: float = 0.0
    lines: int = 0
    error: str = ""


class Downloads:
    """`count` threads, each downloading `url` one time after another from start() until
    stop(), which waits for the downloads under way and returns every one."""

    def __init__(self, url: str, cookie: str, count: int):
        self.url = urlsplit(url)
        self.cookie = cookie
        self.results: list[Download] = []
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self._repeat, daemon=True) for _ in range(count)]

    def start(self) -> "Downloads":
        for thread in self.threads:
            thread.start()
        return self

    def stop(self) -> list[Download]:
        self.stopping.set()
        for thread in self.threads:
            thread.join()
        return self.results

    def _repeat(self) -> None:
        while not self.stopping.is_set():
            result = Download()
            self._download(result)
            self.results.append(result)

    def _download(self, result: Download) -> None:
        started = time.monotonic()
        connection = connect(self.url, timeout=120)
        try:
            connection.request("GET", self.url.path, headers={"Cookie": self.cookie})
            response = connection.getresponse()
            result.status = response.status
            size = 0
            while chunk := response.read(CHUNK_BYTES):
                if not size:
                    result.first_byte_seconds = time.monotonic() - started
                size += len(chunk)
                result.lines += chunk.count(b"\n")
            result.size_mb = size / 1_000_000
        except (OSError, http.client.HTTPException) as error:
            result.error = f"{type(error).__name__}: {error}"
        finally:
            connection.close()
            result.seconds = time.monotonic() - started
