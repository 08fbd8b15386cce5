"""A progress line rewritten in place: what is being done, how far, and how long it took."""

import time


class Progress:
    """Report `done` of `total` on one line; `finish()` ends it with the time taken.

    On a terminal the line is rewritten a few times a second; into a file or a
    pipe only the finished line is written, so logs stay readable.
    """

    REDRAW_SECONDS = 0.25

    def __init__(self, stream, label: str, total: int):
        self.stream = stream
        self.label = label
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self.drawn = 0.0
        self.interactive = stream.isatty() if hasattr(stream, "isatty") else False

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.interactive and now - self.drawn >= self.REDRAW_SECONDS:
            self.drawn = now
            self.stream.write("\r" + self._line(now), ending="")
            self.stream.flush()

    def finish(self) -> float:
        """End the line and return the seconds the step took."""
        now = time.monotonic()
        self.done = max(self.done, self.total)
        prefix = "\r" if self.interactive else ""
        self.stream.write(prefix + self._line(now))
        return now - self.started

    def _line(self, now: float) -> str:
        elapsed = now - self.started
        share = self.done / self.total if self.total else 1
        line = f"{self.label:<28} {self.done:>9,}/{self.total:<9,} {share:>4.0%}  {elapsed:6.1f}s"
        if 0 < share < 1:
            line += f"  ~{elapsed / share - elapsed:.0f}s left"
        return line.ljust(78)
