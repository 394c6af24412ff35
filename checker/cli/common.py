"""What several commands share: settings from flags, the store, the rules, terminal output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from checker.config import Settings, load_settings
from checker.logs import setup_logging
from checker.models import Severity

if TYPE_CHECKING:
    from rich.console import Console

    from checker.rules.base import Rule
    from checker.store import Store

    err_console: Console
    out_console: Console

F = TypeVar("F", bound=Callable[..., Any])


@cache
def _consoles() -> tuple[Console, Console]:
    # rich is imported when a command first prints through it: `claims` with JSON lines never does.
    from rich.console import Console

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    out = Console(highlight=False, soft_wrap=True)
    # Piped or redirected, tables are never cut to 80 columns: a file or a pager has room.
    for console in (err, out):
        if not console.is_terminal:
            console.width = 400
    return err, out


def err_is_terminal() -> bool:
    """Whether stderr is a terminal, as rich decides; a plain pipe or file is told apart without rich.

    Rich says no terminal when stderr has no tty and neither TTY_COMPATIBLE nor
    FORCE_COLOR says otherwise; a piped or hooked `checker check` so never imports it.
    """
    if not {"TTY_COMPATIBLE", "FORCE_COLOR"} & os.environ.keys():
        isatty = getattr(sys.stderr, "isatty", None)
        try:
            if isatty is None or not isatty():
                return False
        except ValueError:  # a closed stream
            return False
    return _consoles()[0].is_terminal


def __getattr__(name: str) -> Any:
    if name in ("err_console", "out_console"):
        return _consoles()[name == "out_console"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


CONFIG_OPTION = click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="config file [the nearest checker.toml or pyproject.toml with [tool.checker], upwards]",
)


def common_options(func: F) -> F:
    """--store, --reports, --rules, --select, --ignore, --severity, --include, --exclude, -v."""
    options = [
        CONFIG_OPTION,
        click.option(
            "--store", help="SQLite store file or postgresql://USER@HOST:PORT/DB [.checker/checker.db]"
        ),
        click.option("--reports", type=click.Path(path_type=Path), help="folder for reports [reports]"),
        click.option(
            "--rules", "rules", multiple=True, type=click.Path(path_type=Path), help="rule file or folder"
        ),
        click.option(
            "--select",
            multiple=True,
            help="run only these rules: codes (CK101, CK2), names, groups, ids or kinds (repeatable, or comma-separated)",
        ),
        click.option(
            "--ignore", multiple=True, help="skip these rules (same names; repeatable, or comma-separated)"
        ),
        click.option(
            "--severity",
            "severity",
            multiple=True,
            metavar="ID=LEVEL",
            help="give a rule (code, name, group, id or kind) another severity: error, warning or info (repeatable)",
        ),
        click.option(
            "--include",
            multiple=True,
            help="file glob to check (repeatable) [*.txt, *.md, *.html, *.htm, *.pdf, *.docx]",
        ),
        click.option("--exclude", multiple=True, help="file glob never to check (repeatable)"),
        click.option(
            "--follow-outside-links",
            is_flag=True,
            default=None,
            help="read symlinks whose target lies outside PATHS (skipped with a note by default)",
        ),
        click.option("-v", "--verbose", count=True, help="more log output (-vv for debug)"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def executor_options(func: F) -> F:
    """--executor, --jobs, --dask-scheduler: where extraction runs."""
    options = [
        click.option(
            "--executor",
            type=click.Choice(["auto", "serial", "processes", "dask"]),
            help="where extraction runs: this process, a process pool or a Dask cluster "
            "[auto: a pool of --jobs processes once a run has hundreds of documents to extract]",
        ),
        click.option("--jobs", type=click.IntRange(min=1), help="extraction processes or workers [cores]"),
        click.option(
            "--dask-scheduler",
            metavar="tcp://HOST:PORT",
            help="extract on this Dask cluster [a LocalCluster]",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _split(values: tuple[str, ...]) -> list[str] | None:
    items = [v.strip() for value in values for v in value.split(",") if v.strip()]
    return items or None


def _severities(values: tuple[str, ...]) -> dict[str, Severity]:
    levels: dict[str, Severity] = {}
    for item in _split(values) or []:
        rule, sep, level = item.partition("=")
        try:
            if not sep or not rule.strip():
                raise ValueError(item)
            levels[rule.strip()] = Severity(level.strip().lower())
        except ValueError:
            raise click.BadParameter(
                f"{item!r}: write ID=LEVEL with LEVEL one of error, warning, info (e.g. --severity growth=warning)",
                param_hint="--severity",
            ) from None
    return levels


def settings_from(options: dict[str, Any], **extra: Any) -> Settings:
    """Settings with the command-line flags on top of env, checker.toml and pyproject."""
    verbose = options.pop("verbose", 0) or 0
    # One-off commands print unreadable files themselves; the service (which sets up its own logging) logs them.
    setup_logging(
        {0: "WARNING", 1: "INFO"}.get(verbose, "DEBUG"), log_file=None, read_errors=False, defer=True
    )
    levels = _severities(options.get("severity") or ())
    settings = load_settings(
        config=options.get("config"),
        store=options.get("store"),
        reports=options.get("reports"),
        rules=list(options["rules"]) if options.get("rules") else None,
        select=_split(options.get("select", ())),
        ignore=_split(options.get("ignore", ())),
        include=_split(options.get("include", ())),
        exclude=_split(options.get("exclude", ())),
        follow_outside_links=options.get("follow_outside_links") or None,
        executor=options.pop("executor", None),
        jobs=options.pop("jobs", None),
        dask_scheduler=options.pop("dask_scheduler", None),
        **extra,
    )
    if levels:
        # Flags override one rule at a time; the other levels from env and files stay.
        settings = settings.model_copy(update={"severity": {**settings.severity, **levels}})
        settings._origins["severity"] = "--severity"
    return settings


def store_for(settings: Settings) -> Store:
    """Open the store the settings name."""
    from checker.store import open_store

    return open_store(settings.store)


# The rules (and the loader behind them) are imported by the commands that run them, not by `claims`.
def rules_for(settings: Settings) -> tuple[list[Rule], list[str]]:
    """The rules to run and the messages of rule files that could not be loaded (checker.selection)."""
    from checker.selection import rules_for as load

    return load(settings)


def rules_note(settings: Settings) -> str | None:
    """A note when no rules folder is found (checker.selection)."""
    from checker.selection import rules_note as note

    return note(settings)
