"""`checker check` and `checker claims`: the one-off commands."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from checker.app import Checker
from checker.cli.common import (
    common_options,
    err_console,
    executor_options,
    out_console,
    rules_for,
    settings_from,
)
from checker.cli.main import EXIT_FAIL, EXIT_SUCCESS
from checker.errors import SourceError, StoreError
from checker.extract import extract
from checker.models import Report
from checker.report.json import render_json
from checker.report.junit import render_junit
from checker.report.sarif import render_sarif
from checker.sources import discover, read_document
from checker.sources.decode import is_empty_text
from checker.sources.discover import Skipped, display_path
from checker.sources.metadata import describe
from checker.store import is_postgres_url, redact
from checker.store.faults import rebuild_store as move_store_aside

STDOUT_FORMATS = {"json": render_json, "sarif": render_sarif, "junit": render_junit}


class ProgressBar:
    """A progress bar on stderr that shows only on a terminal and only once a run takes a moment.

    Passed to Checker.run as its progress callback; quick runs and piped or
    logged output stay quiet.
    """

    def __init__(self, console: Console, delay: float = 0.5) -> None:
        self.console = console
        self.delay = delay
        self.started = time.monotonic()
        self.bar: Progress | None = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not self.console.is_terminal or time.monotonic() - self.started < self.delay:
                return
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


PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))


def print_summary(report: Report, written: dict[str, Path]) -> None:
    """A colour summary table and the open findings, on stderr."""
    s = report.summary
    table = Table(title="checker", show_header=True, header_style="bold")
    for column in ("documents", "claims", "corroborated", "conflicts", "errors", "warnings", "passed", "new"):
        table.add_column(column, justify="right")
    table.add_row(
        str(s.documents),
        str(s.claims),
        str(s.corroborated),
        f"[red]{s.conflicts}[/]" if s.conflicts else "0",
        f"[bold red]{s.errors}[/]" if s.errors else "0",
        f"[yellow]{s.warnings}[/]" if s.warnings else "0",
        str(s.checks_passed),
        str(s.new),
    )
    err_console.print(table)
    for f in report.findings:
        if f.passed or f.status == "accepted":
            continue
        colour = {"error": "red", "warning": "yellow", "info": "blue"}[f.severity.value]
        err_console.print(f"[{colour}]{f.severity.value}[/] [bold]{f.rule}[/] {f.message}", markup=True)
    if written:
        err_console.print("reports: " + ", ".join(str(p) for p in written.values()))


def _move_store_aside(store: Path | str, paths: tuple[Path, ...]) -> None:
    """--rebuild-store: move a (damaged) SQLite file aside; a server store is not checker's to move."""
    if is_postgres_url(store):
        raise StoreError(
            f"--rebuild-store moves a damaged SQLite file aside; {redact(str(store))} is a PostgreSQL database: "
            "restore it from the server's backups, or point --store at an empty database to rebuild there"
        )
    aside = move_store_aside(Path(store))
    if aside is not None:
        err_console.print(
            f"note: the old store was moved to {aside}; rebuilding it from {', '.join(map(str, paths))}",
            highlight=False,
        )


@click.command("check")
@PATHS
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif", "junit"]),
    default="text",
    help="stdout format (text: a summary on stderr)",
)
@click.option("--no-reports", is_flag=True, help="do not write report files")
@click.option(
    "--rebuild-store",
    is_flag=True,
    help="move a damaged store aside and rebuild it from PATHS (the baseline of accepted findings is kept)",
)
@common_options
@executor_options
def check_command(
    paths: tuple[Path, ...], fmt: str, no_reports: bool, rebuild_store: bool, **options: Any
) -> int:
    """Check the reports under PATHS and write the discrepancy reports."""
    settings = settings_from(options)
    rules, rule_errors = rules_for(settings)
    if rebuild_store:
        _move_store_aside(settings.store, paths)
    for message in rule_errors:
        err_console.print(f"[red]error[/]: {message}", markup=True, highlight=False)
    app = Checker(settings, rules, rule_errors)
    progress = ProgressBar(err_console)
    try:
        outcome = app.run(list(paths), write=not no_reports, progress=progress)
    finally:
        progress.close()
        app.close()
    report, written = outcome.report, outcome.written
    for e in [*outcome.sync.errors, *outcome.sync.metadata]:
        where = f"{e.path}:{e.line}" if e.line else e.path
        err_console.print(f"[red]error[/]: {where}: {e.message}", markup=True, highlight=False)
    for n in [*outcome.sync.skipped, *outcome.sync.notices]:
        err_console.print(f"note: {n.path}: {n.message}", highlight=False)
    if fmt in STDOUT_FORMATS:
        sys.stdout.write(STDOUT_FORMATS[fmt](report))
    else:
        print_summary(report, written)
    return EXIT_FAIL if report.has_errors else EXIT_SUCCESS


@click.command("claims")
@PATHS
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", help="output format")
@common_options
def claims_command(paths: tuple[Path, ...], fmt: str, **options: Any) -> int:
    """Print the numeric claims found under PATHS (no store, no rules)."""
    settings = settings_from(options)
    failed = False
    table = Table("where", "text", "value", "unit", "bound", "subject")
    skipped: list[Skipped] = []
    found = discover(
        paths, settings.include, settings.exclude, notes=skipped, outside_links=settings.follow_outside_links
    )
    for path in found:
        name = display_path(path)
        try:
            document = describe(read_document(path, name), path)
        except SourceError as exc:
            err_console.print(f"[red]error[/]: {exc}", markup=True, highlight=False)
            failed = True
            continue
        if is_empty_text(document.text):
            err_console.print(f"[red]error[/]: {name}: empty file: no text to check", markup=True)
            continue
        for claim in extract(document).claims:
            if fmt == "jsonl":
                sys.stdout.write(json.dumps(claim.model_dump(mode="json"), ensure_ascii=False) + "\n")
            else:
                unit = claim.measure or claim.unit
                table.add_row(
                    claim.where(),
                    " ".join(claim.text.split()),
                    f"{claim.value:g}",
                    unit,
                    claim.bound,
                    claim.subject,
                )
    for note in skipped:
        err_console.print(f"note: {display_path(note.path)}: {note.reason}", highlight=False, markup=False)
    if fmt == "table":
        out_console.print(table)
    # Unreadable files are named on stderr; listing claims still succeeded for the rest.
    del failed
    return EXIT_SUCCESS


COMMANDS = [check_command, claims_command]
