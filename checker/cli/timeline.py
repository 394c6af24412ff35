"""`checker timeline SUBJECT`: what every report said about a fact, and for when, in the terminal."""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from checker.cli.common import CONFIG_OPTION, out_console, settings_from
from checker.cli.main import EXIT_SUCCESS
from checker.cli.report import latest_report
from checker.config import Settings
from checker.errors import CheckerError
from checker.models import Report, Timeline
from checker.report.html import number


def last_report(settings: Settings) -> Report:
    """The last run's report: from the store, else from the reports folder's latest.json."""
    if not isinstance(settings.store, Path) or settings.store.is_file():
        return latest_report(settings)
    latest = settings.reports / "latest.json"
    if latest.is_file():
        return Report.model_validate_json(latest.read_text(encoding="utf-8"))
    raise CheckerError(f"no store at {settings.store} and no {latest}: run `checker check PATHS` first")


def matching(report: Report, subject: str) -> list[Timeline]:
    """The timelines whose subject contains `subject` (case and spaces ignored)."""
    want = "".join(subject.split()).lower()
    return [t for t in report.timelines if want in "".join(t.subject.split()).lower()]


def _table(t: Timeline) -> Table:
    unit = t.measure or t.unit
    qualifiers = f" [{', '.join(t.qualifiers)}]" if t.qualifiers else ""
    table = Table(
        "period", "figure", "value", "modality", "document", "dated", header_style="bold",
        title=f"{t.subject}{qualifiers} ({unit}): {t.documents} documents", title_justify="left",
    )  # fmt: skip
    for p in t.points:
        table.add_row(
            p.period.label(),
            p.text,
            f"{p.bound.value if p.bound.value != '=' else ''}{number(p.value)} {p.measure or p.unit}".strip(),
            p.modality.value,
            f"{p.path}:{p.line}",
            p.date or "",
        )
    return table


@click.command("timeline")
@click.argument("subject")
@click.option(
    "--output-format",
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="a table per matching fact, or the timelines as JSON",
)
@click.option("--store", type=click.Path(path_type=Path), help="SQLite store file [.checker/checker.db]")
@click.option(
    "--reports", type=click.Path(path_type=Path), help="reports folder, read when there is no store"
)
@CONFIG_OPTION
def timeline_command(subject: str, fmt: str, **options: Any) -> int:
    """Show what every report of the last run said about SUBJECT (a part of the fact's name), by period."""
    report = last_report(settings_from(options))
    found = matching(report, subject)
    if not found:
        subjects = [t.subject for t in report.timelines]
        near = difflib.get_close_matches(subject, subjects, n=3, cutoff=0.3)
        hint = f"; similar: {', '.join(near)}" if near else ""
        raise CheckerError(
            f"no fact stated by two or more reports has {subject!r} in its subject "
            f"({len(subjects)} timelines in run {report.run.id}){hint}"
        )
    if fmt == "json":
        rows = [t.model_dump(mode="json") for t in found]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_SUCCESS
    for t in found:
        out_console.print(_table(t))
    return EXIT_SUCCESS


COMMANDS = [timeline_command]
