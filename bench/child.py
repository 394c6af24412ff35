"""Run a child process and measure it: wall time and peak memory (scale.py, latency.py).

Peak memory is the larger of two figures:

- the child's maximum resident set size from `os.wait4` (the kernel's own
  high-water mark, so nothing between samples is missed; for a child that ran
  worker processes it is the largest single process, not their sum);
- the largest sum of resident sets over the child and all its descendants,
  sampled every 50 ms with psutil when it is installed (it comes with Dask), so
  a pool of extraction workers is counted together.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

try:
    import psutil  # type: ignore[import-untyped]
except ImportError:  # the figure falls back to wait4's alone
    psutil = None


class TreeSampler(threading.Thread):
    """The peak of the summed RSS of a process and its descendants, sampled until stopped."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak = pid, every, 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        if psutil is None:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop_event.is_set():
            total = 0
            try:
                for proc in [root, *root.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                    except psutil.Error:
                        continue
            except psutil.Error:
                return
            self.peak = max(self.peak, total)
            self._stop_event.wait(self.every)

    def stop(self) -> int:
        self._stop_event.set()
        self.join()
        return self.peak


@dataclass
class Finished:
    """What one child run cost."""

    returncode: int
    seconds: float
    peak_mb: float


class Child:
    """A started child process whose peak memory is read when it is reaped."""

    def __init__(self, cmd: list[str], cwd: Path, out: IO[bytes] | int, err: IO[bytes] | int) -> None:
        self.started = time.perf_counter()
        env = {**os.environ, "NO_COLOR": "1"}
        self.proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, env=env)
        self.sampler = TreeSampler(self.proc.pid)
        self.sampler.start()

    def running(self) -> bool:
        """Whether the child still runs; never reaps it, so wait4 can still read its usage."""
        try:
            found = os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return False
        return found is None

    def wait(self) -> Finished:
        """Reap the child: its exit status, wall time since start and peak memory in MB."""
        _pid, status, usage = os.wait4(self.proc.pid, 0)
        seconds = time.perf_counter() - self.started
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        tree = self.sampler.stop()
        peak = max(usage.ru_maxrss * 1024, tree)  # ru_maxrss is in KiB on Linux
        return Finished(self.proc.returncode, seconds, peak / 1e6)


def run(cmd: list[str], cwd: Path, log: Path) -> Finished:
    """Run `cmd` to the end with stdout and stderr into `log`."""
    with log.open("wb") as out:
        return Child(cmd, cwd, out, subprocess.STDOUT).wait()
