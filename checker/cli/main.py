"""Entry point: the click group over the lazily imported commands (registry.py), errors to exit codes.

Exit 1 means error findings and nothing else.  Every other failure, expected
(a CheckerError) or not, is one line on stderr and exit 2; the traceback of an
unexpected one is shown only with --debug.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import traceback
from pathlib import Path
from typing import NoReturn

import click

from checker import __version__
from checker.cli.registry import LazyGroup
from checker.errors import CheckerError
from checker.lazylog import close as close_log
from checker.logs import show_tracebacks

EXIT_SUCCESS, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
PACKAGE = Path(__file__).resolve().parent.parent


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100}
)
@click.version_option(__version__, prog_name="checker")
@click.option("--debug", is_flag=True, help="show the Python traceback of an unexpected error")
def cli(debug: bool) -> None:
    """Extract numeric claims from reports and cross-check them.

    Exit status: 0 no error finding, 1 error findings, 2 usage, configuration or internal error.
    """
    del debug  # taken out of the arguments by main(), wherever it was written


def _take_debug(args: list[str]) -> tuple[list[str], bool]:
    """`--debug` anywhere before a `--`, so it can follow the command as well as precede it."""
    end = args.index("--") if "--" in args else len(args)
    kept = [a for a in args[:end] if a != "--debug"] + args[end:]
    return kept, len(kept) != len(args)


def where(exc: BaseException) -> str:
    """The step that failed: the innermost frame of checker's own code, as file:line (function)."""
    frames = [
        f
        for f in traceback.extract_tb(exc.__traceback__)
        if Path(f.filename).resolve().is_relative_to(PACKAGE)
    ]
    if not frames:
        return "outside checker's code"
    last = frames[-1]
    return (
        f"{Path(last.filename).resolve().relative_to(PACKAGE.parent).as_posix()}:{last.lineno} ({last.name})"
    )


def _unexpected(exc: Exception, args: list[str]) -> None:
    command = next((a for a in args if not a.startswith("-")), "")
    detail = " ".join(str(exc).split()) or "no detail"
    click.echo(
        f"error: unexpected {type(exc).__name__} in `checker {command}` at {where(exc)}: {detail}; "
        "rerun with --debug for the traceback",
        err=True,
    )


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; any failure other than error findings is one line on stderr and exit status 2.

    As the `checker` command (no `argv`) the process ends without tearing its objects down (_leave).
    """
    args, debug = _take_debug(list(sys.argv[1:] if argv is None else argv))
    show_tracebacks(debug)
    code = _run(args, debug)
    # Not under a profiler or a tracer (coverage): theirs is written at the exit this skips.
    if argv is None and sys.getprofile() is None and sys.gettrace() is None:
        _leave(code)
    sys.exit(code)


def _run(args: list[str], debug: bool) -> int:
    """The command's exit status."""
    try:
        code = cli.main(args=args, prog_name="checker", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return EXIT_ERROR
    except click.ClickException as exc:
        exc.show()
        return EXIT_ERROR
    except CheckerError as exc:
        click.echo(f"error: {exc}", err=True)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except sqlite3.Error as exc:
        # A store failure outside a run (report, accept, status): the same message a run gives.
        from checker.store.faults import store_failure

        if debug:
            traceback.print_exc()
        click.echo(f"error: {store_failure(None, exc)}", err=True)
        return EXIT_ERROR
    except Exception as exc:  # the one place an unexpected failure becomes a message
        if debug:
            traceback.print_exc()
        _unexpected(exc, args)
        return EXIT_ERROR
    return code if isinstance(code, int) else EXIT_SUCCESS


def _leave(code: int) -> NoReturn:
    """End the process once the command is done, without freeing every object one by one.

    Python's teardown frees each object a run made: after a check of 10,000 documents that
    was 3.7 s of a 29 s command, with nothing left to do.  The command has closed its store,
    files and workers; the output streams and the log sinks are flushed here.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    close_log()
    os._exit(code)
