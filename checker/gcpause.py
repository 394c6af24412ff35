"""The cyclic garbage collector paused while a large report is built, walked or written.

A 10,000-document report is millions of small objects (claims, intervals,
periods).  While they are being made, every full collection walks all of
them again: loading one stored report took 20 s, 5 s of it validation
(bench/report_scale.py).  Models hold no reference cycles, so nothing is
left for the collector to find: reference counting frees the temporaries.
The pause is counted, so nested or concurrent pauses end with the last.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def paused_gc(*, leave: bool = False) -> Iterator[None]:
    """No cyclic collection inside; afterwards it is on again if it was before the first pause.

    The first collection after a pause walks everything made during it (0.9 s after a run at
    10,000 documents).  With `leave` (the process ends soon: a command's one run) what exists
    then is frozen out of every later collection (gc.freeze): reference counting still frees it.  So is
    what the first run of a process that goes on built to keep (the watch service's memo).
    """
    global _depth, _was_enabled  # noqa: PLW0603 -- one process-wide switch, like gc's own
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if leave:
                gc.freeze()
            if _depth == 0 and _was_enabled:
                gc.enable()
