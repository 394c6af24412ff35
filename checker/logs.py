"""Logging through loguru, configured once per process."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

# loguru is imported by the functions that log, not here: `checker --help` should not pay for it.

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
        from loguru import logger

        try:
            level: str | int = logger.level(record.levelname).name
        except ValueError:
            level = record.levelno
        logger.opt(depth=6, exception=record.exc_info).log(level, record.getMessage())


def setup_logging(
    level: str = "WARNING", log_file: Path | None = None, json: bool = False, *, read_errors: bool = True
) -> None:
    """Stderr at `level`; optionally a rotating file at INFO; JSON lines for collectors.

    With read_errors=False, files that could not be read are left off stderr: the
    command prints them itself, once.
    """
    from loguru import logger

    logger.remove()
    logger.add(
        sys.stderr,
        level=level,
        format=_stderr_format,
        serialize=json,
        colorize=None if not json else False,
        filter=None if read_errors else (lambda record: not record["extra"].get("read_error")),
    )
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        logger.add(
            log_file,
            level="INFO",
            rotation="10 MB",
            retention=5,
            serialize=json,
            enqueue=True,
            format="{time:YYYY-MM-DD HH:mm:ss.SSS} {level: <7} {message}",
        )
    logging.basicConfig(handlers=[_InterceptHandler()], level=logging.INFO, force=True)
