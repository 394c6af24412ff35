"""SQLite store: one file, WAL mode, one writer, explicit transactions.

Each write is a `BEGIN IMMEDIATE … COMMIT` so a crash (even kill -9) leaves
either the old or the new state of a document, never half of each.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from pydantic import TypeAdapter

from checker.errors import StoreError
from checker.models import Claim, Document, Extraction, Finding, Relation, Report
from checker.models.claims import compact
from checker.models.reportjson import ReportJson
from checker.packing import unpack_text
from checker.store.base import RunRecord, StoredDocument
from checker.store.faults import check_integrity, closed_as_checked, mark_closed, store_failure
from checker.store.keptrows import keep_rows, kept_rows
from checker.store.listing import Listing
from checker.store.migrations import SCHEMA_VERSION, statements, steps
from checker.store.runrows import findings_of, heads_of, report_of
from checker.store.sqliterows import now, replace_rows

# The numbered schema steps live in migrations.py, shared with the PostgreSQL store.
MIGRATIONS = steps("sqlite")
_RELATIONS: TypeAdapter[list[Relation]] = TypeAdapter(list[Relation])
_statements = statements


class SQLiteStore:
    """The embedded default store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.location = str(path)
        self._listing = Listing()  # the documents as last listed (store/listing.py)
        # Before the connection: opening one may start a write-ahead log.
        self.checked = not closed_as_checked(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # The watch service touches the store from the scheduler thread and
            # the event thread; the lock below serialises them.
            self._db = sqlite3.connect(str(path), timeout=30, check_same_thread=False, isolation_level=None)
        except OSError as exc:
            raise StoreError(
                f"cannot open the store at {path}: {exc.strerror or exc}; use --store to put it elsewhere"
            ) from exc
        except sqlite3.Error as exc:
            raise store_failure(path, exc) from exc
        self._lock = threading.RLock()
        self._db.row_factory = sqlite3.Row
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
            if self.checked:
                check_integrity(self._db, path)
        except StoreError:
            self._db.close()
            raise
        except sqlite3.Error as exc:
            self._db.close()
            raise store_failure(path, exc) from exc

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer checker (schema {version}); upgrade checker"
            )
        for target in range(version + 1, SCHEMA_VERSION + 1):
            with self._tx():
                for statement in _statements(MIGRATIONS[target - 1]):
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version={target}")

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # documents and claims

    def documents(self) -> dict[str, StoredDocument]:
        with self._lock:
            return self._listing.documents(self._db)

    @contextmanager
    def _writing(self, paths: Sequence[str]) -> Iterator[sqlite3.Connection]:
        """A transaction that writes these documents; then their rows are read back into the listing."""
        try:
            with self._tx() as db:
                yield db
        finally:
            with self._lock:
                self._listing.written(self._db, paths)

    def replace_document(self, document: Document, extraction: Extraction, extractor: str) -> None:
        self.replace_documents([(document, extraction)], extractor)

    def replace_documents(self, batch: Sequence[tuple[Document, Extraction]], extractor: str) -> None:
        """Store several documents in one transaction: a crash keeps all of them or none."""
        with self._writing([document.path for document, _ in batch]) as db:
            for document, extraction in batch:
                replace_rows(db, document, extraction, extractor)

    def touch_document(self, document: Document) -> None:
        with self._writing([document.path]) as db:
            db.execute(
                "UPDATE documents SET size = ?, mtime = ?, meta = ?, updated = ? WHERE path = ?",
                (document.size, document.mtime, document.meta.model_dump_json(), now(), document.path),
            )

    def record_error(self, path: str, message: str) -> None:
        with self._writing([path]) as db:
            db.execute("DELETE FROM claims WHERE path = ?", (path,))
            db.execute("DELETE FROM relations WHERE path = ?", (path,))
            db.execute(
                "INSERT INTO documents(path, sha256, error, updated) VALUES (?, NULL, ?, ?)"
                " ON CONFLICT(path) DO UPDATE SET sha256=NULL, text=NULL, extractor=NULL, encoding=NULL, meta=NULL,"
                " error=excluded.error, updated=excluded.updated",
                (path, message, now()),
            )

    def remove_documents(self, paths: Iterable[str]) -> None:
        paths = list(paths)
        if not paths:
            return
        with self._writing(paths) as db:
            db.executemany("DELETE FROM claims WHERE path = ?", [(p,) for p in paths])
            db.executemany("DELETE FROM relations WHERE path = ?", [(p,) for p in paths])
            db.executemany("DELETE FROM documents WHERE path = ?", [(p,) for p in paths])

    def document_text(self, path: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT text FROM documents WHERE path = ?", (path,)).fetchone()
        if row is None or row["text"] is None:
            return None
        return unpack_text(row["text"])

    def claims(self, paths: Iterable[str] | None = None) -> list[Claim]:
        return [compact(Claim.model_validate_json(data)) for data in self._rows("claims", paths)]

    def relations(self, paths: Iterable[str] | None = None) -> list[Relation]:
        rows = self._rows("relations", paths)
        return _RELATIONS.validate_json("[" + ",".join(rows) + "]") if rows else []

    def _rows(self, table: str, paths: Iterable[str] | None) -> list[str]:
        """The `data` column of a per-document table, in document and text order."""
        with self._lock:
            if paths is None:
                rows = self._db.execute(f"SELECT data FROM {table} ORDER BY path, ord").fetchall()  # noqa: S608
            else:
                wanted = sorted(set(paths))
                rows = []
                for i in range(0, len(wanted), 500):
                    chunk = wanted[i : i + 500]
                    marks = ",".join("?" * len(chunk))
                    rows += self._db.execute(
                        f"SELECT data FROM {table} WHERE path IN ({marks}) ORDER BY path, ord",  # noqa: S608
                        chunk,
                    ).fetchall()
        return [row["data"] for row in rows]

    # runs and findings

    def start_run(self, trigger: str, paths: list[str]) -> int:
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO runs(started, trigger, paths) VALUES (?, ?, ?)",
                (now(), trigger, json.dumps(paths)),
            )
            run_id = cur.lastrowid
        assert run_id is not None
        return run_id

    def finish_run(self, run_id: int, report: Report, made: ReportJson | None = None) -> None:
        made = made or ReportJson(report)
        payload, rows = made.blob(), made.rows(run_id)
        with self._tx() as db:
            db.execute(
                "UPDATE runs SET finished = ?, summary = ?, report = ? WHERE id = ?",
                (now(), report.summary.model_dump_json(), payload, run_id),
            )
            db.executemany(
                "INSERT INTO findings(run_id, fingerprint, rule, severity, data, ord) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )

    def prune_runs(self, keep: int, paths: list[str] | None = None) -> None:
        """Forget all but the newest `keep` finished runs (of these roots, when given)."""
        mine, args = _of_roots(paths)
        with self._tx() as db:
            db.execute(
                f"DELETE FROM runs WHERE finished IS NOT NULL{mine} AND id NOT IN"  # noqa: S608
                f" (SELECT id FROM runs WHERE finished IS NOT NULL{mine} ORDER BY id DESC LIMIT ?)",
                (*args, *args, max(keep, 1)),
            )

    def last_run(self, paths: list[str] | None = None) -> RunRecord | None:
        mine, args = _of_roots(paths)
        with self._lock:
            row = self._db.execute(
                "SELECT id, started, finished, trigger, paths, summary FROM runs"  # noqa: S608
                f" WHERE finished IS NOT NULL{mine} ORDER BY id DESC LIMIT 1",
                args,
            ).fetchone()
        if row is None:
            return None
        return RunRecord(
            id=row["id"],
            started=datetime.fromisoformat(row["started"]),
            finished=datetime.fromisoformat(row["finished"]),
            trigger=row["trigger"],
            paths=json.loads(row["paths"]),
            summary=json.loads(row["summary"] or "{}"),
        )

    def last_report(self) -> Report | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, report FROM runs WHERE finished IS NOT NULL AND report IS NOT NULL"
                " ORDER BY id DESC LIMIT 1"
            ).fetchone()
        if row is None:
            return None
        return report_of(row["report"], lambda: self._finding_rows(row["id"]))

    def findings(self, run_id: int, only: Collection[str] | None = None) -> list[Finding]:
        return findings_of(self._finding_rows(run_id), only)

    def finding_heads(self, run_id: int) -> list[tuple[str, str]]:
        return heads_of(self._finding_rows(run_id))

    def _finding_rows(self, run_id: int) -> list[str]:
        query = "SELECT data FROM findings WHERE run_id = ? ORDER BY ord, rowid"
        with self._lock:
            return [row["data"] for row in self._db.execute(query, (run_id,))]

    def kept(self, kind: str) -> dict[str, bytes]:
        with self._lock:
            return kept_rows(self._db, kind, "?")

    def keep(
        self, kind: str, new: Mapping[str, bytes], keep: Collection[str], gone: Collection[str] | None = None
    ) -> None:
        with self._tx() as db:
            keep_rows(db, kind, new, keep, "?", gone=gone)

    def close(self) -> None:
        with self._lock:
            self._db.close()
            mark_closed(self.path)


def _of_roots(paths: list[str] | None) -> tuple[str, tuple[str, ...]]:
    """A WHERE clause limiting runs to those over exactly these roots (nothing when None)."""
    return ("", ()) if paths is None else (" AND paths = ?", (json.dumps(paths),))


def open_store(path: Path) -> SQLiteStore:
    """Open (creating if needed) the store file at `path`."""
    return SQLiteStore(path)
