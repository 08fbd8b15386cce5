"""How a long-running command shows how far it has come: one line per step.

On a terminal the line is rewritten in place a few times a second and ends with
the time the step took; into a file or a pipe only the finished line is written
(and, at verbosity 2, a line whenever another kind of row starts), so logs stay
readable. The back-up commands and the seeders report through the same class.
"""

import time

REDRAW_SECONDS = 0.25


class Progress:
    """Report `done` of `total` rows of one step on `stream`; `finish()` ends the line.

    A step that counts its own rows calls `advance`. portal.backup calls the
    object itself with (rows done, rows in all, label of the rows), its `Report`.
    """

    def __init__(self, stream, label: str, *, total: int = 0, verbosity: int = 1):
        self.stream = stream
        self.label = label
        self.total = total
        self.done = 0
        self.shown = verbosity > 0
        self.verbose = verbosity > 1
        self.interactive = self.shown and stream.isatty()
        self.rows: str | None = None
        self.started = time.monotonic()
        self.drawn = 0.0

    def advance(self, count: int = 1) -> None:
        self._show(self.done + count)

    def __call__(self, done: int, total: int, rows: str) -> None:
        self.total = total
        if self.verbose and not self.interactive and rows != self.rows:
            self.stream.write(f"{self.label} {rows} ({done} of {total} rows done)")
        self.rows = rows
        self._show(done)

    def finish(self) -> float:
        """End the line and return the seconds the step took."""
        now = time.monotonic()
        self.done = max(self.done, self.total)
        if self.shown:
            self.stream.write(("\r" if self.interactive else "") + self._line(now))
        return now - self.started

    def _show(self, done: int) -> None:
        self.done = done
        now = time.monotonic()
        if self.interactive and now - self.drawn >= REDRAW_SECONDS:
            self.drawn = now
            self.stream.write("\r" + self._line(now), ending="")
            self.stream.flush()

    def _line(self, now: float) -> str:
        elapsed = now - self.started
        share = self.done / self.total if self.total else 1
        line = f"{self.label:<28} {self.done:>9,}/{self.total:<9,} {share:>4.0%}  {elapsed:6.1f}s"
        if 0 < share < 1:
            line += f"  ~{elapsed / share - elapsed:.0f}s left"
        return line.ljust(78)
