"""One progress line per step, for the back-up commands and the seeders alike."""

import io

from django.core.management.base import OutputWrapper

from portal.progress import Progress


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_a_log_gets_only_the_finished_line_with_the_rows_and_the_time():
    log = io.StringIO()
    progress = Progress(OutputWrapper(log), "cases with their history", total=2_000)

    progress.advance(1_500)
    progress.advance(500)
    seconds = progress.finish()

    (line,) = log.getvalue().splitlines()
    assert line.startswith("cases with their history")
    assert "2,000/2,000" in line
    assert "100%" in line
    assert seconds >= 0


def test_at_verbosity_two_a_log_names_each_kind_of_row_as_it_starts():
    log = io.StringIO()
    progress = Progress(OutputWrapper(log), "Importing", verbosity=2)

    for done, rows in [(0, "auth.user"), (5, "auth.user"), (10, "exceptions.precedent")]:
        progress(done, 20, rows)
    progress.finish()

    assert log.getvalue().splitlines()[:2] == [
        "Importing auth.user (0 of 20 rows done)",
        "Importing exceptions.precedent (10 of 20 rows done)",
    ]


def test_verbosity_zero_writes_nothing():
    log = io.StringIO()
    progress = Progress(OutputWrapper(log), "Exporting", verbosity=0)

    progress(3, 3, "auth.user")
    progress.finish()

    assert log.getvalue() == ""


def test_a_terminal_sees_the_line_rewritten_in_place():
    screen = Terminal()
    progress = Progress(OutputWrapper(screen), "search index", total=4)

    progress.advance(1)
    progress.finish()

    drawn = screen.getvalue()
    assert drawn.startswith("\rsearch index")
    assert "1/4" in drawn
    assert "25%" in drawn
    assert drawn.rstrip().endswith("s")
    assert "4/4" in drawn
