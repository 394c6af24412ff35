"""Run a child process and measure it: wall time and peak memory (scale.py, latency.py).

Peak memory is the larger of two figures:

- the child's own high-water mark, `VmHWM` in /proc/PID/status (the kernel's,
  so nothing between samples is missed but the last 50 ms), read as it runs;
- the largest sum of resident sets over the child and all its descendants,
  sampled every 50 ms with psutil when it is installed (it comes with Dask), so
  a pool of extraction workers is counted together.

Not `os.wait4`'s maximum resident set size, except where there is no /proc:
Linux carries it over an exec from the process that forked the child, so a
child of a bench that holds 600 MB reports 600 MB (measured: `python -c pass`
started by a process holding 600 MB has a ru_maxrss of 611 MB).  Figures of
this bench before 2026-12-03 had that floor: the bench's own memory.
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


def high_water(pid: int) -> int:
    """A running process's peak resident set in bytes (VmHWM), or 0 where /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """The peak of the summed RSS of a process and its descendants, sampled until stopped."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.every, self.peak = pid, every, 0
        self.hwm = 0  # the child's own high-water mark (0: no /proc)
        self._stop_event = threading.Event()

    def run(self) -> None:
        if psutil is None:
            while not self._stop_event.is_set():
                self.hwm = max(self.hwm, high_water(self.pid))
                self._stop_event.wait(self.every)
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop_event.is_set():
            self.hwm = max(self.hwm, high_water(self.pid))
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
        own = self.sampler.hwm or usage.ru_maxrss * 1024  # ru_maxrss is in KiB on Linux
        return Finished(self.proc.returncode, seconds, max(own, tree) / 1e6)


def run(cmd: list[str], cwd: Path, log: Path) -> Finished:
    """Run `cmd` to the end with stdout and stderr into `log`."""
    with log.open("wb") as out:
        return Child(cmd, cwd, out, subprocess.STDOUT).wait()
