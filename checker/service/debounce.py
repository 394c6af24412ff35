"""Coalesce a stream of change hints into batches: one run per quiet moment, not per event.

A batch is ready when nothing new arrived for `window` seconds, or when the
oldest pending hint has waited `max_wait` seconds (so a steady trickle of
changes still gets reported).  Hints that arrive while a run is busy pile up
and become the next batch, which is what turns a burst of thousands of files
into a handful of runs.

The timing logic takes `now` as an argument so it can be tested without
sleeping; only `get` blocks, on a condition variable.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

Clock = Callable[[], float]


@dataclass
class Batch:
    """Paths that changed (as the user's roots name them) and whether a rule file changed."""

    paths: set[Path] = field(default_factory=set)
    rules: bool = False

    def __bool__(self) -> bool:
        return bool(self.paths) or self.rules


class Coalescer:
    """A thread-safe set of pending hints with a debounce window and a latency cap."""

    def __init__(self, window: float, max_wait: float | None = None, clock: Clock = time.monotonic) -> None:
        if window <= 0:
            raise ValueError("the debounce window must be positive")
        self.window = window
        # Under a steady stream of events the window never closes; this caps how long a change waits.
        self.max_wait = max(window, max_wait if max_wait is not None else max(10 * window, 1.0))
        self._clock = clock
        # Re-entrant so a signal handler that wakes the loop cannot deadlock the thread it interrupts.
        self._cond = threading.Condition(threading.RLock())
        self._pending = Batch()
        self._first: float | None = None
        self._last: float | None = None
        self._closed = False

    def add(self, paths: Iterable[Path] = (), *, rules: bool = False, now: float | None = None) -> None:
        """Queue hints; an empty call (no paths, no rules) changes nothing."""
        paths = set(paths)
        if not paths and not rules:
            return
        at = self._clock() if now is None else now
        with self._cond:
            self._pending.paths |= paths
            self._pending.rules = self._pending.rules or rules
            if self._first is None:
                self._first = at
            self._last = at
            self._cond.notify_all()

    def ready_at(self) -> float | None:
        """When the pending batch becomes ready (clock time), or None when nothing is pending."""
        with self._cond:
            if self._first is None or self._last is None:
                return None
            return min(self._last + self.window, self._first + self.max_wait)

    def pending(self) -> int:
        """How many paths are waiting."""
        with self._cond:
            return len(self._pending.paths)

    def take(self, now: float | None = None) -> Batch | None:
        """The pending batch if it is ready at `now`, else None (nothing is removed)."""
        at = self._clock() if now is None else now
        with self._cond:
            ready = self.ready_at()
            if ready is None or at < ready:
                return None
            batch, self._pending = self._pending, Batch()
            self._first = self._last = None
            return batch

    def get(self, timeout: float | None = None) -> Batch | None:
        """Block until a batch is ready, `close` is called, or `timeout` passes (then None)."""
        deadline = None if timeout is None else self._clock() + timeout
        with self._cond:
            while not self._closed:
                now = self._clock()
                batch = self.take(now)
                if batch is not None:
                    return batch
                ready = self.ready_at()
                limits = [t - now for t in (ready, deadline) if t is not None]
                if deadline is not None and now >= deadline:
                    return None
                self._cond.wait(min(limits) if limits else None)
            return None

    def close(self) -> None:
        """Make every `get`, blocked or future, return None at once (used on shutdown)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
