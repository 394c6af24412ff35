"""`checker status`: what the store and the service are doing (without importing the service itself)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from checker.cli.common import out_console, settings_from
from checker.cli.main import EXIT_SUCCESS
from checker.service.status import Status, collect


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


COMMANDS = [status_command]
