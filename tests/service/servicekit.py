"""Helpers for the watch-service tests: a fake clock, polling, store queries, `checker watch` as a subprocess."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

# Short enough to keep the suite quick, long enough to coalesce a burst.
DEBOUNCE_MS = "100"


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


def wait_until(predicate: Callable[[], T], timeout: float, what: str, interval: float = 0.02) -> T:
    """Poll `predicate` until it returns something truthy; fail naming `what` after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_json(path: Path) -> Any:
    """The JSON at `path`, or None while it does not exist yet."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def query(db: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    """A read-only query against a store another process may be writing (WAL lets us read)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


class WatchProcess:
    """`python -m checker watch` in tmp_path, stderr to a file (a pipe could fill and block it)."""

    def __init__(self, tmp_path: Path, args: list[str], env: dict[str, str], name: str) -> None:
        self.cwd = tmp_path
        self.stderr_path = tmp_path / f"{name}.stderr"
        self.store = tmp_path / "state" / "checker.db"
        self.reports = tmp_path / "reports"
        full = [
            sys.executable, "-m", "checker", "watch", *args,
            "--store", "state/checker.db", "--reports", "reports",
            "--debounce-ms", DEBOUNCE_MS, "--log-file", "state/checker.log",
        ]  # fmt: skip
        with self.stderr_path.open("w", encoding="utf-8") as err:
            self.proc = subprocess.Popen(
                full,
                cwd=tmp_path,
                stdout=subprocess.DEVNULL,
                stderr=err,
                env={**os.environ, "NO_COLOR": "1", **env},
            )

    @property
    def pid(self) -> int:
        return self.proc.pid

    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def latest(self) -> Any:
        return read_json(self.reports / "latest.json")

    def documents(self) -> dict[str, str | None]:
        """Path → sha256 of every document in reports/latest.json."""
        report = self.latest() or {"documents": []}
        return {d["path"]: d["sha256"] for d in report["documents"]}

    def max_run_id(self) -> int:
        if not self.store.exists():
            return 0
        return int(query(self.store, "SELECT COALESCE(MAX(id), 0) FROM runs")[0][0])

    def wait_ready(self, after_run: int = 0, timeout: float = 30) -> Any:
        """Wait until the start-up reconcile (a run newer than `after_run`) is in the store and latest.json.

        Asks the store, not just latest.json: a watch run right after the
        reconcile could replace latest.json before a poll sees the reconcile's.
        """

        def ready() -> Any:
            if self.proc.poll() is not None:
                raise AssertionError(f"checker watch exited with {self.proc.returncode}:\n{self.stderr()}")
            report = self.latest()
            if report is None:  # no run yet (the store may not even have its tables)
                return None
            done = query(
                self.store,
                "SELECT MIN(id) FROM runs WHERE trigger = 'reconcile' AND finished IS NOT NULL AND id > ?",
                after_run,
            )[0][0]
            report = self.latest()
            if done is not None and report["run"]["id"] >= done:
                return report
            return None

        return wait_until(ready, timeout, "the start-up reconcile")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        """Signal the service and return its exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.proc.wait(timeout=timeout)

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)


def run_cli(*args: str, cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m checker ARGS` in `cwd`, to completion."""
    return subprocess.run(
        [sys.executable, "-m", "checker", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
        check=False,
    )


_A, _B = "东西南北中上下前后左右新老大小", "山河湖海江城港湾岭原州县镇村"
_PLACES = [a + b for a in _A for b in _B]


def place(n: int) -> str:
    """A made-up place name, distinct for every n below 44,100."""
    return _PLACES[n % len(_PLACES)] + _PLACES[n // len(_PLACES) % len(_PLACES)]


def report_text(n: int, variant: int = 0) -> str:
    """A short synthetic report: two figures of its own, one shared with a 40th of the others.

    Own subjects keep fact groups small (a group every document joins makes the
    rules quadratic, which is not what these tests are about); the shared one
    gives corroborations and conflicts to compare.
    """
    own, shared = place(n), place(10_000 + n % 40)
    return (
        f"{own}新增建成铁路里程{600 + variant}公里。{own}新建公共充电桩{n % 5 + 1}万个以上。"
        f"{shared}签约合作项目{10 + (n + variant) % 2}个。\n"
    )
