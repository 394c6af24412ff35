"""One service per store: an flock on <store>.lock, which the OS drops even on kill -9.

The lock file records who holds it (pid, start time, roots) so `checker status`
and a refused second `checker watch` can say which process to look at.  The
file itself is never deleted: removing a lock file races with a process that
has just opened it, and a stale record is harmless because only the flock
says whether a service is running.
"""

from __future__ import annotations

import fcntl
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from checker.errors import CheckerError


class ServiceError(CheckerError):
    """The watch service cannot start (the store is in use, the folder cannot be watched)."""


def lock_path(store: Path) -> Path:
    """The lock file beside a store."""
    return store.with_name(store.name + ".lock")


@dataclass(frozen=True)
class Holder:
    """What a lock file says about the service that holds (or last held) it."""

    running: bool
    pid: int | None = None
    started: datetime | None = None
    roots: tuple[str, ...] = ()


def _parse(text: str) -> tuple[int | None, datetime | None, tuple[str, ...]]:
    try:
        data = json.loads(text)
        return int(data["pid"]), datetime.fromisoformat(data["started"]), tuple(data.get("roots", ()))
    except (ValueError, KeyError, TypeError):
        return None, None, ()


def holder(store: Path) -> Holder:
    """Whether a service holds the store's lock now, and what the lock file records."""
    path = lock_path(store)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return Holder(running=False)
    with os.fdopen(fd, "r", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            running = True
        else:
            fcntl.flock(fh, fcntl.LOCK_UN)
            running = False
        pid, started, roots = _parse(fh.read())
    return Holder(running=running, pid=pid, started=started, roots=roots)


class ServiceLock:
    """The exclusive lock a running `checker watch` holds on its store."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.path = lock_path(store)
        self._fh: IO[str] | None = None

    def acquire(self, roots: list[str]) -> None:
        """Take the lock or raise ServiceError naming the process that has it."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fh = self.path.open("a+", encoding="utf-8")
        except OSError as exc:
            raise ServiceError(
                f"cannot create the lock file {self.path}: {exc.strerror or exc}; "
                "make its folder writable or use --store"
            ) from exc
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            pid, started, _ = _parse(fh.read())
            fh.close()
            who = (
                f"pid {pid}, started {started:%Y-%m-%d %H:%M:%S %Z}" if pid and started else "another process"
            )
            raise ServiceError(
                f"another checker watch ({who}) is already using the store {self.store}; "
                "stop it first (`checker status` shows it), or pass --store for a separate store"
            ) from None
        fh.seek(0)
        fh.truncate()
        record = {"pid": os.getpid(), "started": datetime.now(UTC).isoformat(), "roots": roots}
        fh.write(json.dumps(record) + "\n")
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        """Drop the lock (closing the file does it); the record stays for `checker status`."""
        if self._fh is not None:
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    def __enter__(self) -> ServiceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
