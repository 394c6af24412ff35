"""`checker rules list` and `checker rules validate`: what will run, and whether the rule files are sound."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.table import Table

from checker.cli.common import CONFIG_OPTION, err_console, out_console, rules_for, settings_from
from checker.cli.main import EXIT_ERROR, EXIT_SUCCESS
from checker.rules.loader import load_rules

F = TypeVar("F", bound=Callable[..., Any])


def rule_options(func: F) -> F:
    """--rules, --select, --ignore, --severity, -v: the options that decide the rules."""
    options = [
        CONFIG_OPTION,
        click.option(
            "--rules", "rules", multiple=True, type=click.Path(path_type=Path), help="rule file or folder"
        ),
        click.option(
            "--select",
            multiple=True,
            help="only these rules: codes, names, groups, ids or kinds (repeatable)",
        ),
        click.option("--ignore", multiple=True, help="not these rules (same names; repeatable)"),
        click.option("--severity", multiple=True, metavar="ID=LEVEL", help="another severity for a rule"),
        click.option("-v", "--verbose", count=True, help="more log output (-vv for debug)"),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@click.group("rules")
def rules_group() -> None:
    """List the rules that would run, or validate the rule files."""


@rules_group.command("list")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", help="output format")
@rule_options
def list_command(fmt: str, **options: Any) -> int:
    """Show each rule's code, name, groups, id, kind, severity and description."""
    settings = settings_from(options)
    rules, problems = rules_for(settings)
    for message in problems:
        err_console.print(f"[red]error[/]: {message}", markup=True, highlight=False)
    rows = [
        {
            "code": r.code,
            "name": type(r).name,
            "groups": list(type(r).groups),
            "id": r.id,
            "kind": r.kind,
            "severity": r.severity.value,
            "enabled": r.config.enabled,
            "description": r.description,
            "origin": r.origin,
        }
        for r in sorted(rules, key=lambda r: (r.code or "~", r.id))
    ]
    if fmt == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return EXIT_SUCCESS
    table = Table(
        "code", "name", "groups", "id", "severity", "description", "from", title="rules", header_style="bold"
    )
    for row in rows:
        off = "" if row["enabled"] else " (disabled)"
        table.add_row(
            str(row["code"]),
            str(row["name"]),
            ", ".join(row["groups"]),  # type: ignore[arg-type]
            str(row["id"]),
            f"{row['severity']}{off}",
            str(row["description"]),
            str(row["origin"]),
        )
    out_console.print(table)
    return EXIT_SUCCESS


@rules_group.command("validate")
@rule_options
def validate_command(**options: Any) -> int:
    """Check every rule file and fact sheet; exit 2 when any is broken."""
    settings = settings_from(options)
    loaded = load_rules(settings.rules, explicit="rules" in settings.model_fields_set)
    for message in loaded.plugin_problems:
        err_console.print(f"[yellow]warning[/]: {message}", markup=True, highlight=False)
    for problem in loaded.problems:
        err_console.print(f"[red]error[/]: {problem}", markup=True, highlight=False)
    if loaded.problems:
        err_console.print(f"{len(loaded.problems)} broken rule file(s); the other rules still run")
        return EXIT_ERROR
    names = ", ".join(loaded.files) if loaded.files else "no rule files (built-in defaults)"
    out_console.print(f"ok: {len(loaded.rules)} rules from {names}", highlight=False)
    return EXIT_SUCCESS


COMMANDS = [rules_group]
