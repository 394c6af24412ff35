"""`checker claims`: the figures a document states, without the store, the rules or the reports."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from checker.cli import common
from checker.cli.common import common_options, settings_from
from checker.cli.main import EXIT_SUCCESS
from checker.errors import SourceError
from checker.extract import extract
from checker.sources import discover, read_document
from checker.sources.decode import is_empty_text
from checker.sources.discover import Skipped
from checker.sources.metadata import describe
from checker.sources.names import display_path

PATHS = click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))


@click.command("claims")
@PATHS
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", help="output format")
@common_options
def claims_command(paths: tuple[Path, ...], fmt: str, **options: Any) -> int:
    """Print the numeric claims found under PATHS (no store, no rules)."""
    settings = settings_from(options)
    rows: list[tuple[str, ...]] = []
    skipped: list[Skipped] = []
    found = discover(
        paths, settings.include, settings.exclude, notes=skipped, outside_links=settings.follow_outside_links
    )
    for path in found:
        name = display_path(path)
        try:
            document = describe(read_document(path, name), path)
        except SourceError as exc:
            common.err_console.print(f"[red]error[/]: {exc}", markup=True, highlight=False)
            continue
        if is_empty_text(document.text):
            common.err_console.print(f"[red]error[/]: {name}: empty file: no text to check", markup=True)
            continue
        for claim in extract(document).claims:
            if fmt == "jsonl":
                sys.stdout.write(json.dumps(claim.model_dump(mode="json"), ensure_ascii=False) + "\n")
            else:
                unit = claim.measure or claim.unit
                text = " ".join(claim.text.split())
                rows.append((claim.where(), text, f"{claim.value:g}", unit, claim.bound, claim.subject))
    for note in skipped:
        common.err_console.print(
            f"note: {display_path(note.path)}: {note.reason}", highlight=False, markup=False
        )
    if fmt == "table":
        _print_table(rows)
    # Unreadable files are named on stderr; listing claims still succeeded for the rest.
    return EXIT_SUCCESS


def _print_table(rows: list[tuple[str, ...]]) -> None:
    from rich.table import Table  # rich only for the table format: JSON lines need none of it

    table = Table("where", "text", "value", "unit", "bound", "subject")
    for row in rows:
        table.add_row(*row)
    common.out_console.print(table)


COMMANDS = [claims_command]
