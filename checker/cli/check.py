"""`checker check` and `checker claims`: the one-off commands."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from checker.cli.checking import Notes, check_stdin, print_summary, run_check
from checker.cli.common import (
    common_options,
    err_console,
    executor_options,
    out_console,
    rules_for,
    rules_note,
    settings_from,
)
from checker.cli.main import EXIT_FAIL, EXIT_SUCCESS
from checker.errors import SourceError, StoreError
from checker.extract import extract
from checker.report.formats import ALIASES, FORMATS, HUMAN, renderer
from checker.report.lines import render_statistics
from checker.report.writer import write_output
from checker.sources import discover, read_document
from checker.sources.decode import is_empty_text
from checker.sources.discover import Skipped, display_path
from checker.sources.metadata import describe
from checker.store import is_postgres_url, redact
from checker.store.faults import rebuild_store as move_store_aside

PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
CHECK_PATHS = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(exists=True, allow_dash=True, path_type=Path)
)


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
@CHECK_PATHS
@click.option(
    "--output-format",
    "--format",
    "fmt",
    type=click.Choice([*FORMATS, *ALIASES]),
    default="full",
    show_default=True,
    help="concise (path:line:col: CODE [severity] message), full (with the evidence and fingerprint), "
    "json, jsonl, github, gitlab, sarif, junit, markdown or html",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="write the output to FILE instead of stdout",
)
@click.option("--exit-zero", is_flag=True, help="exit 0 even when there are error findings")
@click.option("-q", "--quiet", is_flag=True, help="print the findings only: no summary, notes or progress")
@click.option("--statistics", is_flag=True, help="print how many findings each rule code has, instead")
@click.option("--stdin-filename", help="the name of the text read from stdin (PATHS is -) [stdin.txt]")
@click.option("--no-reports", is_flag=True, help="do not write report files")
@click.option(
    "--rebuild-store",
    is_flag=True,
    help="move a damaged store aside and rebuild it from PATHS (the baseline of accepted findings is kept)",
)
@common_options
@executor_options
def check_command(
    paths: tuple[Path, ...],
    *,
    fmt: str,
    output: Path | None,
    exit_zero: bool,
    quiet: bool,
    statistics: bool,
    stdin_filename: str | None,
    no_reports: bool,
    rebuild_store: bool,
    **options: Any,
) -> int:
    """Check the reports under PATHS (- reads one from stdin) and write the discrepancy reports.

    Exit status: 0 no error finding (or --exit-zero), 1 error findings, 2 usage or configuration error.
    """
    settings = settings_from(options)
    rules, rule_errors = rules_for(settings)
    notes = Notes(quiet)
    notes.note(rules_note(settings))
    for message in rule_errors:
        notes.error(message)
    if "-" in [str(p) for p in paths]:
        if len(paths) > 1:
            raise click.UsageError("- (stdin) cannot be mixed with other PATHS")
        outcome = check_stdin(settings, rules, rule_errors, stdin_filename or "stdin.txt")
    else:
        if rebuild_store:
            _move_store_aside(settings.store, paths)
        outcome = run_check(settings, rules, rule_errors, list(paths), write=not no_reports, quiet=quiet)
    report = outcome.report
    for e in [*outcome.sync.errors, *outcome.sync.metadata]:
        notes.error(f"{e.path}:{e.line}: {e.message}" if e.line else f"{e.path}: {e.message}")
    for n in [*outcome.sync.skipped, *outcome.sync.notices]:
        notes.note(f"{n.path}: {n.message}")
    text = render_statistics(report) if statistics else renderer(fmt)(report)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()  # before the summary on stderr, so a shared pipe reads in order
    else:
        write_output(output, text)
    if ALIASES.get(fmt, fmt) in HUMAN and not quiet:
        print_summary(report, outcome.written)
    return EXIT_SUCCESS if exit_zero or not report.has_errors else EXIT_FAIL


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
