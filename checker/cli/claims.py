"""`checker claims`: the figures a document states, without the store, the rules or the reports."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from checker.cli.common import common_options, err_console, out_console, settings_from
from checker.cli.main import EXIT_SUCCESS
from checker.errors import SourceError
from checker.extract import extract
from checker.sources import discover, read_document
from checker.sources.decode import is_empty_text
from checker.sources.discover import Skipped, display_path
from checker.sources.metadata import describe

PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))


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


COMMANDS = [claims_command]
