"""How `checker check` runs and talks: the progress bar, notes and errors on stderr, the summary, stdin."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from checker.app import Checker, RunOutcome
from checker.cli import common
from checker.config import Settings
from checker.models import Report
from checker.rules.base import Rule

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress


class ProgressBar:
    """A progress bar on stderr that shows only on a terminal and only once a run takes a moment.

    Passed to Checker.run as its progress callback; quick runs and piped or
    logged output stay quiet.  Without a console it draws on stderr's, which
    (with rich) is only looked up once a bar is due.
    """

    def __init__(self, console: Console | None = None, delay: float = 0.5) -> None:
        self.console = console
        self.delay = delay
        self.started = time.monotonic()
        self.bar: Progress | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.started < self.delay:
                return
            if self.console is None:
                if not common.err_is_terminal():
                    return
                self.console = common.err_console
            if not self.console.is_terminal:
                return
            # Imported once a bar is due: most runs are quick, or piped, and never draw one.
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(
                TextColumn("checking"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.bar.add_task("checking", total=total, completed=done)
            self.bar.start()
        else:
            self.bar.update(self.bar.task_ids[0], completed=done, total=total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


class Notes:
    """Errors and notes on stderr, once each; --quiet keeps the notes back (never the errors)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet

    def note(self, message: str | None) -> None:
        if message and not self.quiet:
            common.err_console.print(f"note: {message}", highlight=False, markup=False)

    def error(self, message: str) -> None:
        common.err_console.print(f"[red]error[/]: {message}", markup=True, highlight=False)

    def outcome(self, outcome: RunOutcome) -> None:
        """What the run has to say besides its findings: a report that stands, files unread or skipped."""
        if outcome.stood:
            run = outcome.report.run
            self.note(
                f"nothing changed since run {run.id} ({run.started:%Y-%m-%d %H:%M:%S}): its findings and reports "
                "stand (--rerun checks again)"
            )
        for e in [*outcome.sync.errors, *outcome.sync.metadata]:
            self.error(f"{e.path}:{e.line}: {e.message}" if e.line else f"{e.path}: {e.message}")
        for n in [*outcome.sync.skipped, *outcome.sync.notices]:
            self.note(f"{n.path}: {n.message}")


SUMMARY_COLUMNS = ("documents", "claims", "corroborated", "conflicts", "errors", "warnings", "passed", "new")


def _counts(report: Report) -> list[int]:
    s = report.summary
    return [s.documents, s.claims, s.corroborated, s.conflicts, s.errors, s.warnings, s.checks_passed, s.new]


def print_summary(report: Report, written: dict[str, Path]) -> None:
    """The counts on stderr: a colour table at a terminal, one line of text when piped (never cut)."""
    counts = _counts(report)
    if common.err_is_terminal():
        from rich.table import Table

        table = Table(title="checker", show_header=True, header_style="bold")
        for column in SUMMARY_COLUMNS:
            table.add_column(column, justify="right")
        table.add_row(*(str(n) for n in counts))
        common.err_console.print(table)
    else:
        pairs = ", ".join(f"{n} {name}" for name, n in zip(SUMMARY_COLUMNS, counts, strict=True))
        print(f"checker: {pairs}", file=sys.stderr)
    if written:
        print("reports: " + ", ".join(str(p) for p in written.values()), file=sys.stderr)


def run_check(
    settings: Settings,
    rules: Sequence[Rule],
    rule_errors: Sequence[str],
    paths: list[Path],
    *,
    write: bool,
    quiet: bool,
    reuse: bool = False,
    output: str | None = None,
) -> RunOutcome:
    """One run over `paths`, with a progress bar at a terminal (not with --quiet).

    With `reuse`, the last run's report stands when nothing changed since (Checker.run).
    """
    app = Checker(settings, rules, rule_errors, one_run=True)
    progress = ProgressBar() if not quiet else None
    try:
        return app.run(paths, write=write, progress=progress, reuse=reuse, output=output)
    finally:
        if progress is not None:
            progress.close()
        app.close()


@contextmanager
def _inside(folder: Path) -> Iterator[None]:
    here = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(here)


def check_stdin(
    settings: Settings, rules: Sequence[Rule], rule_errors: Sequence[str], name: str
) -> RunOutcome:
    """Check the text on stdin as one document called `name` (a throw-away store, no reports).

    The text is written under `name` in a temporary folder, which becomes the
    working folder for the run, so every output names the document `name`.
    """
    relative = Path(name)
    if relative.is_absolute() or ".." in relative.parts:
        relative = Path(relative.name)
    data = sys.stdin.buffer.read()
    with tempfile.TemporaryDirectory(prefix="checker-stdin-") as tmp:
        target = Path(tmp) / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        store = Path(tmp) / ".checker-stdin.db"
        local = settings.model_copy(update={"store": store, "reports": Path(tmp) / ".reports"})
        with _inside(Path(tmp)):
            app = Checker(local, rules, rule_errors)
            try:
                return app.run([relative], write=False)
            finally:
                app.close()
