"""The logger every checker module logs through: loguru's, imported when the first message is logged.

A check that goes well logs nothing, and importing loguru (with asyncio under
it) costs a one-document check a tenth of its start.  So modules hold this
stand-in, and `checker.logs.setup_logging` hands its configuration to `configure`,
which applies it at once when loguru is already loaded, or else just before
the first message, so every message still goes where the command said.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from loguru import Logger

_PENDING: list[Callable[[Logger], None]] = []


def _loguru() -> Logger:
    from loguru import logger as real

    while _PENDING:
        _PENDING.pop(0)(real)
    return real


class _Deferred:
    """Stands for loguru's logger; the first attribute read imports it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(_loguru(), name)


def configure(apply: Callable[[Logger], None]) -> None:
    """Run `apply` on loguru's logger now if loguru is loaded, else before the first message."""
    if "loguru" in sys.modules:
        apply(_loguru())
    else:
        _PENDING.append(apply)


logger: Logger = cast("Logger", _Deferred())
