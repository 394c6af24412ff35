"""Entry point: builds the click group from every cli module's COMMANDS, maps errors to exit codes."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from checker import __version__
from checker.errors import CheckerError

EXIT_SUCCESS, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="checker")
def cli() -> None:
    """Extract numeric claims from reports and cross-check them.

    Exit status: 0 no error finding, 1 error findings, 2 usage, configuration or internal error.
    """


def _register() -> None:
    import checker.cli as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name in ("main", "common"):
            continue
        module = importlib.import_module(f"checker.cli.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            cli.add_command(command)


_register()


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user-facing errors become one line on stderr and exit status 2."""
    try:
        code = cli.main(args=argv, prog_name="checker", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(EXIT_ERROR)
    except click.ClickException as exc:
        exc.show()
        sys.exit(EXIT_ERROR)
    except CheckerError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_ERROR)
    except KeyboardInterrupt:
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else EXIT_SUCCESS)
