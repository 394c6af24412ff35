"""What `checker status` shows: the last run from the store, and the service from the lock file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.service.lock import Holder, holder
from checker.store import RunRecord, open_store


@dataclass(frozen=True)
class Status:
    """The store's last run and whether a service holds the store."""

    store: Path
    exists: bool
    last: RunRecord | None
    service: Holder

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
            "store": self.store.as_posix(),
            "store_exists": self.exists,
            "last_run": last,
            "service": {
                "running": self.service.running,
                "pid": self.service.pid,
                "started": self.service.started.isoformat() if self.service.started else None,
                "roots": list(self.service.roots),
            },
        }


def collect(store: Path) -> Status:
    """Read the store (if there is one) and the lock file; never creates either."""
    service = holder(store)
    if not store.is_file():
        return Status(store=store, exists=False, last=None, service=service)
    db = open_store(store)
    try:
        last = db.last_run()
    finally:
        db.close()
    return Status(store=store, exists=True, last=last, service=service)
