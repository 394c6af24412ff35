"""`checker watch` (the service) and `checker status` (what the store and the service are doing)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from checker.cli.common import common_options, executor_options, out_console, rules_for, settings_from
from checker.cli.main import EXIT_SUCCESS
from checker.logs import setup_logging
from checker.service.status import Status, collect
from checker.service.watcher import run_service


@click.command("watch")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--debounce-ms", type=click.IntRange(min=10), help="changes within this window make one run [300]"
)
@click.option(
    "--reconcile-minutes",
    type=click.FloatRange(min=0, min_open=True),
    help="period of the full disk-against-store reconcile [10]",
)
@click.option(
    "--polling/--no-polling",
    default=None,
    help="poll the folders instead of kernel events (network and mounted file systems)",
)
@click.option("--log-file", type=click.Path(path_type=Path), help="rotating log file [.checker/checker.log]")
@click.option("--log-json", is_flag=True, help="log JSON lines (for log collectors)")
@click.option("--notify-url", help="POST new error findings as JSON to this URL")
@click.option("--notify-command", help="run this command with new error findings as JSON on stdin")
@common_options
@executor_options
def watch_command(
    paths: tuple[Path, ...],
    *,
    debounce_ms: int | None,
    reconcile_minutes: float | None,
    polling: bool | None,
    log_file: Path | None,
    log_json: bool,
    notify_url: str | None,
    notify_command: str | None,
    **options: Any,
) -> int:
    """Watch PATHS and re-check what changes; stop with Ctrl-C or SIGTERM.

    Logs at INFO to stderr (-v for debug) and to the log file.  A second watch
    on the same store refuses to start (exit 2); `checker status` shows it.
    """
    verbose = options.get("verbose") or 0
    settings = settings_from(
        options,
        debounce_ms=debounce_ms,
        reconcile_minutes=reconcile_minutes,
        polling=polling,
        log_file=log_file,
        log_json=True if log_json else None,
        notify_url=notify_url,
        notify_command=notify_command,
    )
    setup_logging("DEBUG" if verbose else "INFO", log_file=settings.log_file, json=settings.log_json)
    run_service(settings, list(paths), rules_for)
    return EXIT_SUCCESS


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "unfinished"
    age = (datetime.now(UTC) - moment).total_seconds()
    span = f"{age:.0f} s" if age < 120 else f"{age / 60:.0f} min" if age < 7200 else f"{age / 3600:.1f} h"
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC ({span} ago)"


def _text(status: Status) -> str:
    lines = [f"store      {status.store}" + ("" if status.exists else " (none yet: nothing checked)")]
    svc = status.service
    if status.watchers:
        lines += [
            f"watcher    {w.root}: pid {w.pid} on {w.host}, since {_when(w.started)}, "
            + (f"renewed {_when(w.renewed)}" if w.live else "lease expired")
            for w in status.watchers
        ]
    elif svc.running:
        since = f", since {_when(svc.started)}" if svc.started else ""
        roots = f", watching {', '.join(svc.roots)}" if svc.roots else ""
        lines.append(f"service    running (pid {svc.pid}{since}{roots})")
    else:
        lines.append("service    not running" + (f" (last pid {svc.pid})" if svc.pid else ""))
    if status.last is None:
        lines.append("last run   none")
        return "\n".join(lines)
    c = status.counts()
    lines += [
        f"last run   #{status.last.id} ({status.last.trigger}), finished {_when(status.last.finished)}",
        f"documents  {c['documents']}",
        f"claims     {c['claims']}",
        f"findings   {c['findings']} ({c['errors']} errors, {c['warnings']} warnings; "
        f"{c['new']} new, {c['resolved']} resolved since the run before)",
    ]
    return "\n".join(lines)


@click.command("status")
@click.option("--store", help="SQLite store file or postgresql://USER@HOST:PORT/DB [.checker/checker.db]")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help="output format")
def status_command(store: Path | None, fmt: str) -> int:
    """Show the last run (time, documents, claims, findings) and whether a watch service is running."""
    settings = settings_from({"store": store})
    status = collect(settings.store)
    if fmt == "json":
        sys.stdout.write(json.dumps(status.as_dict(), indent=2) + "\n")
    else:
        out_console.print(_text(status), markup=False)
    return EXIT_SUCCESS


COMMANDS = [watch_command, status_command]
