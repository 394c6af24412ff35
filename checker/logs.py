"""Logging through loguru, configured once per process."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from loguru import logger


class _InterceptHandler(logging.Handler):
    """Send stdlib logging (apscheduler, watchdog) through loguru."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            level: str | int = logger.level(record.levelname).name
        except ValueError:
            level = record.levelno
        logger.opt(depth=6, exception=record.exc_info).log(level, record.getMessage())


def setup_logging(level: str = "WARNING", log_file: Path | None = None, json: bool = False) -> None:
    """Stderr at `level`; optionally a rotating file at INFO; JSON lines for collectors."""
    logger.remove()
    fmt = "<level>{level: <7}</level> {message}"
    logger.add(sys.stderr, level=level, format=fmt, serialize=json, colorize=None if not json else False)
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
