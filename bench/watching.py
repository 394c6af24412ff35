"""Drive a running `checker watch` from outside: start it, and time a write until latest.json shows it.

Shared by latency.py and scale.py.  A change counts as seen when the first
reports/latest.json that reflects it is replaced on disk (its mtime changes), not
when it has been parsed, so a slow parse of a big report does not count against
the service.
"""

from __future__ import annotations

import json
import signal
import sys
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from bench.child import Child, Finished

Report = dict[str, Any]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def read_report(latest: Path) -> Report | None:
    try:
        data: Report = json.loads(latest.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    return data


def has_document(name: str, digest: str) -> Callable[[Report], bool]:
    """A check that the report lists this document with this content."""
    return lambda report: any(d["path"] == name and d["sha256"] == digest for d in report["documents"])


def lacks_document(name: str) -> Callable[[Report], bool]:
    """A check that the report no longer lists this document."""
    return lambda report: all(d["path"] != name for d in report["documents"])


def has_documents(names: Collection[str]) -> Callable[[Report], bool]:
    """A check that the report lists every one of these documents."""
    wanted = set(names)
    return lambda report: wanted <= {d["path"] for d in report["documents"]}


def is_reconcile(report: Report) -> bool:
    return bool(report["run"]["trigger"] == "reconcile")


class Service:
    """The real `checker watch` on `paths` (relative to `cwd`), its log in cwd/watch.log."""

    def __init__(self, cwd: Path, paths: list[str], store: str, reports: str, debounce_ms: int) -> None:
        self.latest = cwd / reports / "latest.json"
        cmd = [
            sys.executable, "-m", "checker", "watch", *paths, "--store", store, "--reports", reports,
            "--debounce-ms", str(debounce_ms), "--log-file", str(cwd / "watch-service.log"),
        ]  # fmt: skip
        self.log = (cwd / "watch.log").open("wb")
        self.child = Child(cmd, cwd, self.log, self.log)

    def wait_for(self, check: Callable[[Report], bool], timeout: float) -> float:
        """Poll latest.json's mtime; on each change parse it; when the one passing `check` appeared."""
        deadline = time.perf_counter() + timeout
        seen = self.latest.stat().st_mtime_ns if self.latest.exists() else 0
        while time.perf_counter() < deadline:
            if not self.child.running():
                raise SystemExit(f"checker watch exited early; see {self.log.name}")
            try:
                mtime = self.latest.stat().st_mtime_ns
            except FileNotFoundError:
                mtime = 0
            if mtime != seen:
                at = time.perf_counter()
                seen = mtime
                data = read_report(self.latest)
                if data is not None and check(data):
                    return at
            time.sleep(0.002)
        raise SystemExit(f"no matching {self.latest} within {timeout:g} s")

    def stop(self) -> Finished:
        """SIGTERM, then reap: the service's exit status, lifetime and peak memory."""
        if self.child.running():
            self.child.proc.send_signal(signal.SIGTERM)
        deadline = time.perf_counter() + 600  # a reconcile in progress is finished first
        while self.child.running() and time.perf_counter() < deadline:
            time.sleep(0.1)
        if self.child.running():
            self.child.proc.kill()
        try:
            return self.child.wait()
        finally:
            self.log.close()
