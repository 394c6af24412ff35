"""The logger every checker module logs through: loguru's, imported when the first message is logged.

A check that goes well logs nothing, and importing loguru (with asyncio under
it) costs a one-document check a tenth of its start.  So modules hold this
stand-in, and `checker.logs.setup_logging` of a one-off command hands its
configuration to `configure(..., defer=True)`, which applies it at once when
loguru is already loaded, or else just before the first message, so every
message still goes where the command said.  The service configures at once.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from loguru import Logger

_PENDING: list[Callable[[Logger], None]] = []
# A configuration leaves the list only once applied: a thread that logs meanwhile waits for it.
_APPLYING = threading.Lock()


def _loguru() -> Logger:
    from loguru import logger as real

    if _PENDING:
        with _APPLYING:
            while _PENDING:
                _PENDING[0](real)
                _PENDING.pop(0)
    return real


class _Deferred:
    """Stands for loguru's logger; the first attribute read imports it."""

    def __getattr__(self, name: str) -> Any:
        return getattr(_loguru(), name)


def configure(apply: Callable[[Logger], None], *, defer: bool = False) -> None:
    """Run `apply` on loguru's logger now; with `defer`, before the first message unless loguru is loaded."""
    if defer and "loguru" not in sys.modules:
        _PENDING.append(apply)
    else:
        apply(_loguru())


def close() -> None:
    """Flush and close the sinks (a log file's queue is emptied first), if loguru was ever loaded."""
    if "loguru" in sys.modules:
        _loguru().remove()


logger: Logger = cast("Logger", _Deferred())
