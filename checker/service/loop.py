"""The event loop: take a ready batch, hold back files still being written, run the rest.

Runs happen on the thread that calls `serve` (the main thread under `checker
watch`); `stop` only sets a flag and wakes the queue, so a run in progress
always finishes and the loop ends between runs.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from checker.app import RunOutcome
from checker.lazylog import logger
from checker.service.debounce import Batch, Coalescer
from checker.service.runner import Runner
from checker.service.settle import split_settled

# After this many looks a file that never stops changing (a log someone appends to) is read anyway.
MAX_LOOKS = 50


class BatchLoop:
    """Coalescer → settle check → Runner, until stopped."""

    def __init__(
        self,
        queue: Coalescer,
        runner: Runner,
        settle: float,
        *,
        wall: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.queue = queue
        self.runner = runner
        self.settle = settle
        self._wall = wall
        self._sleep = sleep
        self._looks: dict[Path, int] = {}
        self.stopping = threading.Event()

    def step(self, batch: Batch) -> RunOutcome | None:
        """Process one batch: re-queue files still changing, run over the others."""
        settled, changing = split_settled(batch.paths, self.settle, wall=self._wall, sleep=self._sleep)
        again: list[Path] = []
        for path in changing:
            looks = self._looks.get(path, 0) + 1
            if looks >= MAX_LOOKS:
                logger.warning("{}: still changing after {} looks; reading it as it is now", path, looks)
                settled.append(path)
            else:
                self._looks[path] = looks
                again.append(path)
        for path in settled:
            self._looks.pop(path, None)
        if again:
            logger.debug("{} file(s) still being written; looking again shortly", len(again))
            self.queue.add(again)
        if not settled and not batch.rules:
            return None
        return self.runner.changed(settled, rules=batch.rules)

    def serve(self) -> None:
        """Process batches until `stop` is called."""
        while not self.stopping.is_set():
            # A bounded wait, so a missed wake-up can delay a stop by a second at most.
            batch = self.queue.get(timeout=1.0)
            if batch is None or self.stopping.is_set():
                continue
            self.step(batch)

    def stop(self) -> None:
        """Ask the loop to end after the current run (safe from a signal handler)."""
        self.stopping.set()
        self.queue.close()
