"""What `checker status` shows: the last run from the store, and who watches it.

A SQLite store has one service, found through its lock file; a PostgreSQL
store lists every watcher's lease (root, host, pid, last renewal).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.service.lease import Lease, leases
from checker.service.lock import Holder, holder
from checker.store import PostgresStore, RunRecord, open_store


@dataclass(frozen=True)
class Status:
    """The store's last run and whether a service holds the store."""

    store: str
    exists: bool
    last: RunRecord | None
    service: Holder
    watchers: tuple[Lease, ...] = ()

    def counts(self) -> dict[str, int]:
        """Documents, claims and open findings of the last run (zeros when there is none)."""
        s = self.last.summary if self.last else {}
        findings = s.get("errors", 0) + s.get("warnings", 0) + s.get("infos", 0)
        return {
            "documents": s.get("documents", 0),
            "claims": s.get("claims", 0),
            "findings": findings,
            "errors": s.get("errors", 0),
            "warnings": s.get("warnings", 0),
            "new": s.get("new", 0),
            "resolved": s.get("resolved", 0),
        }

    def as_dict(self) -> dict[str, Any]:
        """For --format json."""
        last = None
        if self.last is not None:
            last = {
                "id": self.last.id,
                "trigger": self.last.trigger,
                "started": self.last.started.isoformat(),
                "finished": self.last.finished.isoformat() if self.last.finished else None,
                **self.counts(),
            }
        return {
            "store": self.store,
            "store_exists": self.exists,
            "last_run": last,
            "service": {
                "running": self.service.running,
                "pid": self.service.pid,
                "started": self.service.started.isoformat() if self.service.started else None,
                "roots": list(self.service.roots),
            },
            "watchers": [
                {
                    "root": w.root,
                    "host": w.host,
                    "pid": w.pid,
                    "started": w.started.isoformat(),
                    "renewed": w.renewed.isoformat(),
                    "live": w.live,
                }
                for w in self.watchers
            ],
        }


def collect(location: Path | str) -> Status:
    """Read the store (if there is one) and the lock file or leases; never creates a SQLite store."""
    if not isinstance(location, Path):
        return _collect_shared(location)
    service = holder(location)
    if not location.is_file():
        return Status(store=location.as_posix(), exists=False, last=None, service=service)
    db = open_store(location)
    try:
        last = db.last_run()
    finally:
        db.close()
    return Status(store=location.as_posix(), exists=True, last=last, service=service)


def _collect_shared(url: str) -> Status:
    db = PostgresStore(url, pool_size=1)
    try:
        last = db.last_run()
        watchers = tuple(leases(db))
    finally:
        db.close()
    live = [w for w in watchers if w.live]
    service = Holder(
        running=bool(live),
        pid=live[0].pid if len(live) == 1 else None,
        started=min((w.started for w in live), default=None),
        roots=tuple(w.root for w in live),
    )
    return Status(store=db.location, exists=True, last=last, service=service, watchers=watchers)
