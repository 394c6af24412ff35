"""`checker report` (re-render the latest run) and `checker accept` (record a reviewer's decision).

Both read the store's latest run and never re-check: `report` renders it in any
format, `accept` takes a finding from it into the baseline file.  The next run
shows the accepted finding as accepted.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from checker.app import page_data
from checker.baseline import Baseline, baseline_path
from checker.cli.common import CONFIG_OPTION, err_console, settings_from
from checker.cli.main import EXIT_SUCCESS
from checker.config import Settings
from checker.errors import CheckerError
from checker.models import Finding, Report
from checker.report.formats import FORMATS as ALL_FORMATS
from checker.report.html import render_html
from checker.report.runindex import read_index
from checker.report.writer import RENDERERS, Renderer, write_output
from checker.store import open_store

F = TypeVar("F", bound=Callable[..., Any])

FORMATS: dict[str, Renderer] = {**RENDERERS, **ALL_FORMATS}


def _store_options(func: F) -> F:
    func = click.option("-v", "--verbose", count=True, help="more log output (-vv for debug)")(func)
    func = CONFIG_OPTION(func)
    return click.option(
        "--store", help="SQLite store file or postgresql://USER@HOST:PORT/DB [.checker/checker.db]"
    )(func)


def latest_report(settings: Settings) -> Report:
    """The report of the newest finished run in the store, or a clear error."""
    if isinstance(settings.store, Path) and not settings.store.is_file():
        # Opening would create an empty store; say what to do instead.
        raise CheckerError(f"no store at {settings.store}: run `checker check PATHS` first")
    store = open_store(settings.store)
    try:
        report = store.last_report()
    finally:
        store.close()
    if report is None:
        raise CheckerError(f"no finished run in {store.location}: run `checker check PATHS` first")
    return report


def _html(settings: Settings, report: Report) -> str:
    """The review page as the run wrote it: with the documents' texts from the store and the runs."""
    store = open_store(settings.store)
    try:
        data = page_data(store, report, read_index(settings.reports))
    finally:
        store.close()
    return render_html(report, data)


@click.command("report")
@click.option(
    "--output-format",
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="md",
    show_default=True,
    help="output format",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    help="write to FILE (a pipe or device is written into; - is stdout), not stdout",
)
@_store_options
def report_command(fmt: str, output: Path | None, **options: Any) -> int:
    """Render the latest run again, in any format, without re-checking."""
    settings = settings_from(options)
    report = latest_report(settings)
    text = FORMATS[fmt](report) if fmt != "html" else _html(settings, report)
    if output is None:
        sys.stdout.write(text)
    else:
        write_output(output, text)
        if str(output) != "-":
            err_console.print(f"wrote {output}", highlight=False)
    return EXIT_SUCCESS


def find_finding(report: Report, fingerprint: str) -> Finding:
    """The open finding of the report with this fingerprint (or unique prefix of one)."""
    wanted = fingerprint.strip().lower()
    if len(wanted) < 4:
        raise CheckerError("give at least 4 characters of the fingerprint (see the report)")
    matches = {f.fingerprint: f for f in report.findings if f.fingerprint.startswith(wanted)}
    if not matches:
        raise CheckerError(
            f"no finding with fingerprint {fingerprint} in run {report.run.id}; "
            "the reports (latest.md, latest.html) list each finding's fingerprint"
        )
    if len(matches) > 1:
        raise CheckerError(f"fingerprint {fingerprint} is ambiguous: {', '.join(sorted(matches))}")
    finding = next(iter(matches.values()))
    if finding.passed:
        raise CheckerError(f"{finding.fingerprint} is a check that held: there is nothing to accept")
    return finding


@click.command("accept")
@click.argument("fingerprint")
@click.option("--reason", required=True, help="why the finding is acceptable (kept in the baseline)")
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False, path_type=Path),
    help="baseline file [checker-baseline.yml in the first checked folder]",
)
@_store_options
def accept_command(fingerprint: str, reason: str, baseline: Path | None, **options: Any) -> int:
    """Accept the finding FINGERPRINT of the latest run: it stops failing the check.

    Recorded with who, when and why in the baseline file beside the corpus.  If
    the claims behind the finding change, it comes back as new.
    """
    if not reason.strip():
        raise click.BadParameter("give a reason", param_hint="--reason")
    settings = settings_from(options, baseline=baseline)
    report = latest_report(settings)
    finding = find_finding(report, fingerprint)
    path = baseline_path(settings.baseline, [Path(p) for p in report.run.paths])
    accepted = Baseline.load(path)
    entry = accepted.accept(finding, reason.strip())
    accepted.save()
    err_console.print(
        f"accepted {entry.fingerprint} ({finding.rule}: {' '.join(finding.message.split())})\n"
        f"recorded in {path} by {entry.who}; the next run shows it as accepted",
        highlight=False,
        markup=False,
    )
    return EXIT_SUCCESS


COMMANDS = [report_command, accept_command]
