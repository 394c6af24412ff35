"""The progress bar of `checker check`: only on a terminal, only once a run takes a moment."""

from __future__ import annotations

import io

from rich.console import Console

from checker.cli.checking import ProgressBar


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, force_terminal=terminal, width=80), out


def test_shows_on_a_terminal_once_the_run_is_slow() -> None:
    console, out = _console(terminal=True)
    bar = ProgressBar(console, delay=0.0)
    for i in range(1, 4):
        bar(i, 3)
    assert bar.bar is not None
    assert bar.bar.tasks[0].completed == 3 and bar.bar.tasks[0].total == 3
    bar.close()
    assert "checking" in out.getvalue()


def test_quiet_for_quick_runs() -> None:
    console, out = _console(terminal=True)
    bar = ProgressBar(console, delay=3600)
    bar(1, 2)
    bar(2, 2)
    bar.close()
    assert bar.bar is None and out.getvalue() == ""


def test_quiet_when_not_a_terminal() -> None:
    console, out = _console(terminal=False)
    bar = ProgressBar(console, delay=0.0)
    bar(1, 1)
    bar.close()
    assert bar.bar is None and out.getvalue() == ""
