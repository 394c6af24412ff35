"""Timing and memory of one call, shared by `extraction.py` and the extractor it runs in a subprocess.

Imports nothing of checker, so a subprocess can load these first and then the
extractor of any tree.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable


def cpu_times(run: Callable[[str], object], text: str, runs: int) -> list[float]:
    """CPU seconds of each of `runs` calls of `run(text)`."""
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        run(text)
        times.append(time.process_time() - t0)
    return times


def peak_memory(run: Callable[[str], object], text: str) -> float:
    """Peak traced allocation in MB during one run."""
    tracemalloc.start()
    run(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def repeated(texts: list[str], megabytes: float) -> str:
    """The texts joined and repeated to at least `megabytes` MB of UTF-8."""
    one = "\n\n".join(texts)
    reps = int(megabytes * 1e6 // len(one.encode("utf-8"))) + 1
    return "\n\n".join([one] * reps)
