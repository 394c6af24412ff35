"""`checker check`: the one-off check."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from checker.cli import common
from checker.cli.checking import Notes, check_stdin, print_summary, run_check
from checker.cli.common import (
    common_options,
    executor_options,
    rules_for,
    rules_note,
    settings_from,
)
from checker.cli.main import EXIT_FAIL, EXIT_SUCCESS
from checker.errors import StoreError
from checker.report.formats import ALIASES, FORMATS, HUMAN, LINES, renderer
from checker.report.writer import write_output
from checker.store import is_postgres_url, redact
from checker.store.faults import rebuild_store as move_store_aside

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
        common.err_console.print(
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
    "--rerun",
    is_flag=True,
    help="evaluate and record a new run even when nothing changed since the last one (whose reports stand)",
)
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
    rerun: bool,
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
    name = "statistics" if statistics else ALIASES.get(fmt, fmt)
    if "-" in [str(p) for p in paths]:
        if len(paths) > 1:
            raise click.UsageError("- (stdin) cannot be mixed with other PATHS")
        outcome = check_stdin(settings, rules, rule_errors, stdin_filename or "stdin.txt")
    else:
        if rebuild_store:
            _move_store_aside(settings.store, paths)
        # A line format is printed by the run (and kept, for a check that stands on it); others from the report.
        outcome = run_check(
            settings, rules, rule_errors, list(paths), write=not no_reports, quiet=quiet, reuse=not rerun,
            output=name if name in LINES else None,
        )  # fmt: skip
    report = outcome.report
    notes.outcome(outcome)
    text = outcome.printed[name] if name in outcome.printed else renderer(name)(report)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()  # before the summary on stderr, so a shared pipe reads in order
    else:
        write_output(output, text)
    if ALIASES.get(fmt, fmt) in HUMAN and not quiet:
        print_summary(report, outcome.written)
    return EXIT_SUCCESS if exit_zero or not outcome.failed else EXIT_FAIL


COMMANDS = [check_command]
