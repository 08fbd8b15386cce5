"""How a long-running command shows how far it has come."""


class CommandProgress:
    """A percentage on a terminal; in a log, a line whenever another kind of row starts."""

    def __init__(self, stdout, verb: str, *, verbosity: int):
        self.stdout = stdout
        self.verb = verb
        self.on_terminal = stdout.isatty() and verbosity > 0
        self.verbose = verbosity > 1
        self.percent = None
        self.label = None

    def __call__(self, done: int, total: int, label: str) -> None:
        percent = done * 100 // max(total, 1)
        if self.on_terminal and percent != self.percent:
            self.stdout.write(f"\r{self.verb} {percent:3d}% ({done} of {total} rows)", ending="")
        elif not self.on_terminal and self.verbose and label != self.label:
            self.stdout.write(f"{self.verb} {label} ({done} of {total} rows done)")
        self.percent, self.label = percent, label

    def finish(self) -> None:
        if self.on_terminal and self.percent is not None:
            self.stdout.write("")
