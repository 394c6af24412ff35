"""The commands by name: where each lives and its one-line help, so `checker --help` imports none of them.

A command's module (and with it the pipeline, the store, the reports or the
service) is imported only when that command runs or its own --help is asked
for.  The help line here must equal the command's own short help;
tests/cli/test_fast_start.py compares them.
"""

from __future__ import annotations

import gc
import importlib
from dataclasses import dataclass
from typing import Final

import click


@dataclass(frozen=True, slots=True)
class Entry:
    """Where a command is defined (module and attribute) and its short help."""

    module: str
    attribute: str
    help: str


COMMANDS: Final[dict[str, Entry]] = {
    "accept": Entry(
        "checker.cli.report",
        "accept_command",
        "Accept the finding FINGERPRINT of the latest run: it stops failing the check.",
    ),
    "check": Entry(
        "checker.cli.check",
        "check_command",
        "Check the reports under PATHS (- reads one from stdin) and write the discrepancy reports.",
    ),
    "claims": Entry(
        "checker.cli.claims",
        "claims_command",
        "Print the numeric claims found under PATHS (no store, no rules).",
    ),
    "report": Entry(
        "checker.cli.report",
        "report_command",
        "Render the latest run again, in any format, without re-checking.",
    ),
    "rules": Entry(
        "checker.cli.rules",
        "rules_group",
        "List the rules that would run, or validate the rule files.",
    ),
    "status": Entry(
        "checker.cli.status",
        "status_command",
        "Show the last run (time, documents, claims, findings) and whether a watch service is running.",
    ),
    "timeline": Entry(
        "checker.cli.timeline",
        "timeline_command",
        "Show what every report of the last run said about SUBJECT (a part of the fact's name), by period.",
    ),
    "watch": Entry(
        "checker.cli.watch",
        "watch_command",
        "Watch PATHS and re-check what changes; stop with Ctrl-C or SIGTERM.",
    ),
}


def load(name: str) -> click.Command:
    """Import the module that defines command `name` and return the command."""
    entry = COMMANDS[name]
    # Importing a command's modules allocates many objects that live as long as the process (models,
    # patterns, tables); the collector would scan them over and over, about a tenth of the import time.
    # Frozen once imported, they stay out of the run's collections too, which scanned them all again
    # (about as long as the collections during the import did).
    enabled = gc.isenabled()
    gc.disable()
    try:
        command = getattr(importlib.import_module(entry.module), entry.attribute)
    finally:
        gc.freeze()
        if enabled:
            gc.enable()
    if not isinstance(command, click.Command):
        raise TypeError(
            f"{entry.module}.{entry.attribute} is not a click command: fix COMMANDS in {__name__}"
        )
    return command


class LazyGroup(click.Group):
    """A click group whose commands are imported on first use and listed from COMMANDS."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return load(cmd_name) if cmd_name in COMMANDS else None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list as click writes it, from the registry's help lines."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        # A stand-in command shortens the line exactly as the real one would, without importing it.
        rows = [
            (name, click.Command(name, help=COMMANDS[name].help).get_short_help_str(limit)) for name in names
        ]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
