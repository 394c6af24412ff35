"""One watcher per corpus root on a PostgreSQL store: a lease in the database, renewed while it runs.

Several `checker watch` processes, on one machine or several, share one
store, each on folders of its own.  Before it starts, a watcher leases its
roots (the table `leases`, one row per root); a root that is, holds or lies
inside a root someone else leases is refused, naming the holder.  The holder
renews every third of `lease_seconds`; a crashed one stops renewing, and its
lease expires.  On the holder's own machine a lease whose process is gone is
free at once (a watcher restarted after kill -9 need not wait).  All times are
the database server's, so the machines' clocks need not agree.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from checker.lazylog import logger
from checker.service.lock import ServiceError
from checker.store.postgres import PostgresStore

HOST = socket.gethostname()


@dataclass(frozen=True)
class Lease:
    """Who watches a root of a shared store."""

    root: str
    host: str
    pid: int
    started: datetime
    renewed: datetime
    live: bool


def _gone(host: str, pid: int) -> bool:
    """A holder on this machine whose process no longer runs."""
    if host != HOST:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def _contains(parent: str, child: str) -> bool:
    """Whether a root holds another (roots are named as display_path names stored documents)."""
    if parent == "." and not child.startswith("/"):
        return True  # the working folder holds every relative name
    return parent == child or child.startswith(parent.rstrip("/") + "/")


def _overlap(a: str, b: str) -> bool:
    return _contains(a, b) or _contains(b, a)


def leases(store: PostgresStore) -> list[Lease]:
    """Every recorded lease, live or not, by root."""
    with store.transaction() as cur:
        return sorted(leases_in(cur), key=lambda lease: lease.root)


def leases_in(cur: Any) -> list[Lease]:
    """The leases as a transaction in progress sees them."""
    rows = cur.execute("SELECT root, host, pid, started, renewed, expires > now() FROM leases").fetchall()
    return [Lease(r[0], r[1], r[2], r[3], r[4], bool(r[5]) and not _gone(r[1], r[2])) for r in rows]


class RootLease:
    """The leases a running `checker watch` holds on its roots of a shared store."""

    def __init__(self, url: str, seconds: float, on_lost: Callable[[], None] | None = None) -> None:
        self.url = url
        self.seconds = seconds
        self.on_lost = on_lost
        self.holder = f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.roots: list[str] = []
        self._store: PostgresStore | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def acquire(self, roots: Sequence[str]) -> None:
        """Lease every root or none; ServiceError names whoever holds one of them."""
        self._store = store = PostgresStore(self.url, pool_size=1)
        try:
            self._insert(store, roots)
        except BaseException:
            store.close()
            self._store = None
            raise
        self.roots = list(roots)
        self._thread = threading.Thread(target=self._renew_loop, name="lease-renewal", daemon=True)
        self._thread.start()

    def _insert(self, store: PostgresStore, roots: Sequence[str]) -> None:
        with store.transaction() as cur:
            # One acquirer at a time: the check and the insert must see the same table.
            cur.execute("LOCK TABLE leases IN SHARE ROW EXCLUSIVE MODE")
            for lease in leases_in(cur):
                if not lease.live:
                    cur.execute("DELETE FROM leases WHERE root = %s", (lease.root,))
                    continue
                clash = next((r for r in roots if _overlap(r, lease.root)), None)
                if clash is not None:
                    raise ServiceError(
                        f"{lease.root} is already watched on this store by pid {lease.pid} on {lease.host} "
                        f"(since {lease.started:%Y-%m-%d %H:%M:%S %Z}), so {clash} cannot be; stop that "
                        "watcher first (`checker status --store URL` lists them) or watch another folder"
                    )
            cur.executemany(
                "INSERT INTO leases(root, holder, host, pid, roots, started, renewed, expires)"
                " VALUES (%s, %s, %s, %s, %s, now(), now(), now() + make_interval(secs => %s))",
                [(r, self.holder, HOST, os.getpid(), ",".join(roots), self.seconds) for r in roots],
            )

    def renew(self) -> bool:
        """Push the expiry on; False when a root is no longer ours (it expired and was taken)."""
        assert self._store is not None
        with self._store.transaction() as cur:
            cur.execute(
                "UPDATE leases SET renewed = now(), expires = now() + make_interval(secs => %s)"
                " WHERE holder = %s",
                (self.seconds, self.holder),
            )
            return cur.rowcount == len(self.roots)

    def _renew_loop(self) -> None:
        while not self._stop.wait(self.seconds / 3):
            try:
                kept = self.renew()
            except Exception:
                logger.exception("renewing the watch lease failed; retrying in {:g} s", self.seconds / 3)
                continue
            if not kept:
                logger.error(
                    "the lease on {} expired and another watcher took it; stopping", ", ".join(self.roots)
                )
                if self.on_lost:
                    self.on_lost()
                return

    def release(self) -> None:
        """Stop renewing and give the roots back."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if self._store is not None:
            try:
                with self._store.transaction() as cur:
                    cur.execute("DELETE FROM leases WHERE holder = %s", (self.holder,))
            finally:
                self._store.close()
                self._store = None
