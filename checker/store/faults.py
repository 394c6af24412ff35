"""What can go wrong with the store file, said once and plainly, and the way back: a rebuild.

SQLite reports a damaged page, a read-only file or a full disk as an exception
from whichever statement hits it; `store_failure` turns any of them into one
StoreError that names the store and the fix.  `rebuild_store` moves a damaged
store aside so the next run rebuilds it from the corpus.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from checker.errors import StoreError


class StoreDamaged(StoreError):
    """The store file is damaged or not a database: it can be rebuilt from the corpus."""


def _read_only(path: Path | str | None) -> bool:
    """The store file exists but it or its folder (where SQLite keeps its WAL) cannot be written."""
    if not path or not Path(path).exists():
        return False
    return not (os.access(path, os.W_OK) and os.access(Path(path).parent, os.W_OK))


def store_failure(path: Path | str | None, exc: sqlite3.Error) -> StoreError:
    """One message for an SQLite failure, saying what is wrong with the store and what to do."""
    store = f"the store {path}" if path else "the store"
    code = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if code == "SQLITE_NOTADB" or "not a database" in text:
        return StoreDamaged(
            f"{store} is not a checker store ({exc}): another file, or one damaged beyond reading; "
            "point --store elsewhere, or rebuild it from the corpus with `checker check PATHS --rebuild-store`"
        )
    if code == "SQLITE_CORRUPT" or "malformed" in text:
        return StoreDamaged(
            f"{store} is damaged ({exc}); rebuild it from the corpus with "
            "`checker check PATHS --rebuild-store` (the baseline of accepted findings is kept)"
        )
    if code.startswith("SQLITE_READONLY") or "readonly" in text or _read_only(path):
        return StoreError(
            f"{store} is read-only ({exc}); `checker check` needs to write to it: "
            "make the file and its folder writable, or use --store"
        )
    if code == "SQLITE_FULL" or "disk is full" in text:
        return StoreError(
            f"no space left for {store} ({exc}); free some space and run again (this run was not recorded)"
        )
    if code in ("SQLITE_BUSY", "SQLITE_LOCKED") or "locked" in text:
        return StoreError(f"{store} is in use by another process ({exc}); try again when it is done")
    return StoreError(f"{store} failed: {exc}; use --store to put it elsewhere")


def check_integrity(db: sqlite3.Connection, path: Path) -> None:
    """Raise StoreDamaged if SQLite's quick check finds a damaged page (one pass over the file).

    Done when the store is opened, so damage is named before a run rather than
    surfacing half-way through one as a rule's failure; unless the file is as this
    checker left it when it last closed it (`closed_as_checked`).
    """
    rows = db.execute("PRAGMA quick_check(1)").fetchall()
    if rows and rows[0][0] != "ok":
        raise store_failure(
            path,
            sqlite3.DatabaseError(f"database disk image is malformed: {' '.join(str(rows[0][0]).split())}"),
        )


# The quick check reads the whole file: 13 s of a 77 s re-check at 10,000 documents (a 1.3 GB store), and
# more with every run kept.  A file that is byte for byte as a clean close left it needs no second look:
# a close writes the file's size and modification time beside it, and an open that finds them unchanged,
# and no write-ahead log with pages not yet in the file, skips the check.  Anything that touched the file
# since (a crash mid-run, another program, a copy over it) changes them, and the check runs.
def _closed_mark(path: Path) -> Path:
    return path.with_name(path.name + ".closed")


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns} {st.st_ino}"


def closed_as_checked(path: Path) -> bool:
    """The store file is as this checker left it at its last clean close (then it needs no quick check)."""
    wal = path.with_name(path.name + "-wal")
    try:
        if wal.exists() and wal.stat().st_size > 0:
            return False
        return _closed_mark(path).read_text(encoding="utf-8") == _stamp(path)
    except OSError:
        return False


def mark_closed(path: Path) -> None:
    """After a clean close: note the file as it is now; nothing when another connection still holds it."""
    mark = _closed_mark(path)
    try:
        mark.unlink(missing_ok=True)
        if not path.with_name(path.name + "-wal").exists():
            mark.write_text(_stamp(path), encoding="utf-8")
    except OSError:
        pass  # no mark: the next open checks the file, as it always did


def rebuild_store(path: Path) -> Path | None:
    """Move a (damaged) store and its WAL files aside, so the next open starts an empty one.

    Returns where the old file went (kept for inspection), or None if there was none.
    The baseline lives beside the corpus, not in the store, so accepted findings survive.
    """
    if not path.exists():
        return None
    aside = path.with_name(f"{path.name}.damaged-{datetime.now(UTC):%Y%m%dT%H%M%S}")
    try:
        path.replace(aside)
        for suffix in ("-wal", "-shm", "-journal", ".closed"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot move the store {path} aside: {exc.strerror or exc}") from exc
    return aside
