"""Read a file only once it has stopped changing: a copy in progress waits for the next batch.

Most hints name files whose last write is already older than the debounce
window, and those go straight through.  Only a file written within the last
`interval` seconds is looked at twice, `interval` apart (one sleep for the
whole batch); if its size or mtime moved in between, it is handed back to be
queued again instead of being read half-written.
"""

from __future__ import annotations

import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path


def _signature(path: Path) -> tuple[int, int] | None:
    """Size and mtime of a regular file, or None for anything else (gone, a folder, unreadable)."""
    try:
        st = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    return st.st_size, st.st_mtime_ns


def split_settled(
    paths: Iterable[Path],
    interval: float,
    *,
    wall: Callable[[], float] = time.time,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[list[Path], list[Path]]:
    """(settled, still changing).  Gone files and folders count as settled: the run decides."""
    settled: list[Path] = []
    fresh: dict[Path, tuple[int, int]] = {}
    now = wall()
    for path in paths:
        sig = _signature(path)
        # A future mtime (clock skew on a network share) counts as fresh, so it is checked too.
        if sig is None or interval <= 0 or now - sig[1] / 1e9 >= interval:
            settled.append(path)
        else:
            fresh[path] = sig
    if not fresh:
        return settled, []
    sleep(interval)
    changing: list[Path] = []
    for path, before in fresh.items():
        after = _signature(path)
        if after is None or after == before:
            settled.append(path)
        else:
            changing.append(path)
    return settled, changing
