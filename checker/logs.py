"""Logging through loguru, configured once per process."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.lazylog import configure, logger

if TYPE_CHECKING:
    from loguru import Logger

# loguru is imported with the first message logged (checker.lazylog): a quiet run never pays for it.

# Tracebacks go to the log file always, to stderr only with --debug: a user sees one line.
_TRACEBACKS = {"stderr": False}


def show_tracebacks(on: bool) -> None:
    """Whether stderr shows the traceback of a logged exception (`--debug`)."""
    _TRACEBACKS["stderr"] = on


def _stderr_format(record: Any) -> str:
    if record["exception"] is not None and not _TRACEBACKS["stderr"]:
        return "<level>{level: <7}</level> {message} (rerun with --debug for the traceback)\n"
    return "<level>{level: <7}</level> {message}\n{exception}"


class _InterceptHandler(logging.Handler):
    """Send stdlib logging (apscheduler, watchdog) through loguru."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level: str | int = logger.level(record.levelname).name
        except ValueError:
            level = record.levelno
        logger.opt(depth=6, exception=record.exc_info).log(level, record.getMessage())


def setup_logging(
    level: str = "WARNING",
    log_file: Path | None = None,
    json: bool = False,
    *,
    read_errors: bool = True,
    defer: bool = False,
) -> None:
    """Stderr at `level`; optionally a rotating file at INFO; JSON lines for collectors.

    With read_errors=False, files that could not be read are left off stderr: the
    command prints them itself, once.  With defer=True loguru is loaded with the
    first message (checker.lazylog): a one-off command mostly logs nothing.
    """
    stderr = sys.stderr  # the stream of now: the sinks may be added only at the first message

    def apply(real: Logger) -> None:
        real.remove()
        real.add(
            stderr,
            level=level,
            format=_stderr_format,
            serialize=json,
            colorize=None if not json else False,
            filter=None if read_errors else (lambda record: not record["extra"].get("read_error")),
        )
        if log_file is not None:
            real.add(
                log_file,
                level="INFO",
                rotation="10 MB",
                retention=5,
                serialize=json,
                enqueue=True,
                format="{time:YYYY-MM-DD HH:mm:ss.SSS} {level: <7} {message}",
            )

    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
    configure(apply, defer=defer)
    logging.basicConfig(handlers=[_InterceptHandler()], level=logging.INFO, force=True)
