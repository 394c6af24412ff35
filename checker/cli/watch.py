"""`checker watch`: the service."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from checker.cli.common import common_options, executor_options, rules_for, settings_from
from checker.cli.main import EXIT_SUCCESS
from checker.logs import setup_logging
from checker.service.watcher import run_service


@click.command("watch")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--debounce-ms", type=click.IntRange(min=10), help="changes within this window make one run [100]"
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


COMMANDS = [watch_command]
