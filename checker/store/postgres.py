"""PostgreSQL store: one server shared by several checkers, same interface and results as SQLite.

Every write is one short transaction.  A document's row is upserted (or locked) before its claims
are touched, and a batch takes its rows in path order: two writers of the same document queue on
that row lock, and the second replaces the first's claims instead of adding to them; two batches
never deadlock.  Claims and relations go in with COPY: a batch of documents is a few round trips.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import ConnectionPool
from pydantic import TypeAdapter

from checker.errors import StoreError
from checker.models import Claim, Document, Extraction, Finding, Relation, Report
from checker.models.claims import compact
from checker.models.reportjson import ReportJson
from checker.packing import pack_text, unpack_text
from checker.store.base import DocumentRows, RunRecord, StoredDocument
from checker.store.keptrows import keep_rows, kept_rows
from checker.store.postgres_setup import first_line, migrate, redact
from checker.store.runrows import findings_of, heads_of, report_of

T = TypeVar("T")
_RELATIONS: TypeAdapter[list[Relation]] = TypeAdapter(list[Relation])
# Two writers caught in each other's locks: PostgreSQL aborts one; trying again succeeds.
_RETRY = (pg_errors.DeadlockDetected, pg_errors.SerializationFailure)
_UPSERT = (
    "INSERT INTO documents(path, sha256, encoding, size, mtime, extractor, text, error, updated, meta)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, NULL, %s, %s)"
    " ON CONFLICT (path) DO UPDATE SET sha256=excluded.sha256, encoding=excluded.encoding,"
    " size=excluded.size, mtime=excluded.mtime, extractor=excluded.extractor, text=excluded.text,"
    " error=NULL, updated=excluded.updated, meta=excluded.meta"
)


class PostgresStore:
    """The store on a PostgreSQL server (`--store postgresql://USER@HOST:PORT/DB`)."""

    def __init__(self, url: str, *, pool_size: int = 4) -> None:
        self.url = url
        self.location = redact(url)
        self._read_documents = DocumentRows()
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
                migrate(conn, self.location)
        except psycopg.OperationalError as exc:
            raise StoreError(
                f"cannot connect to the PostgreSQL store {self.location}: {first_line(exc)}; "
                "start the server, check the URL (postgresql://USER@HOST:PORT/DB) or use another --store"
            ) from exc
        except psycopg.Error as exc:
            raise StoreError(
                f"{self.location} is not a checker store ({first_line(exc)}); use an empty database"
            ) from exc
        # Checked on checkout, so a server restart costs a reconnect, not a failed run.
        check = ConnectionPool.check_connection
        self._pool = ConnectionPool(
            url, min_size=1, max_size=pool_size, kwargs={"autocommit": True}, check=check, open=False
        )
        self._pool.open(wait=True, timeout=30)

    @contextmanager
    def transaction(self) -> Iterator[psycopg.Cursor[Any]]:
        """A cursor inside one transaction (committed on success, rolled back on any error)."""
        try:
            with self._pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
                yield cur
        except psycopg.Error as exc:
            if isinstance(exc, _RETRY):
                raise
            raise StoreError(f"PostgreSQL store {self.location}: {first_line(exc)}") from exc

    def _write(self, work: Callable[[psycopg.Cursor[Any]], T]) -> T:
        for attempt in range(5):
            try:
                with self.transaction() as cur:
                    return work(cur)
            except _RETRY:
                time.sleep(0.05 * (attempt + 1))
        raise StoreError(f"PostgreSQL store {self.location}: a write kept colliding with another writer")

    def _read(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        with self.transaction() as cur:
            return cur.execute(sql.encode(), params).fetchall()

    # documents and claims

    def documents(self) -> dict[str, StoredDocument]:
        return self._read_documents.read(self._read(
            "SELECT d.path, d.sha256, d.encoding, d.size, d.mtime, d.extractor, d.error, d.updated, d.meta,"
            " COALESCE(c.n, 0) FROM documents d"
            " LEFT JOIN (SELECT path, COUNT(*) AS n FROM claims GROUP BY path) c ON c.path = d.path"
        ))  # fmt: skip

    def replace_document(self, document: Document, extraction: Extraction, extractor: str) -> None:
        self.replace_documents([(document, extraction)], extractor)

    def replace_documents(self, batch: Sequence[tuple[Document, Extraction]], extractor: str) -> None:
        """Store several (changed) documents with their claims and relations in one transaction."""
        items = sorted({d.path: (d, e) for d, e in batch}.values(), key=lambda item: item[0].path)
        if not items:
            return
        now = datetime.now(UTC)
        rows = [
            (
                d.path,
                d.sha256,
                d.encoding,
                d.size,
                d.mtime,
                extractor,
                pack_text(d.text),
                now,
                d.meta.model_dump_json(),
            )
            for d, _ in items
        ]
        paths = [d.path for d, _ in items]

        def work(cur: psycopg.Cursor[Any]) -> None:
            cur.executemany(_UPSERT, rows)
            cur.execute("DELETE FROM claims WHERE path = ANY(%s)", (paths,))
            cur.execute("DELETE FROM relations WHERE path = ANY(%s)", (paths,))
            with cur.copy("COPY claims (path, ord, value, unit, subject, data) FROM STDIN") as copy:
                for d, e in items:
                    for i, c in enumerate(e.claims):
                        copy.write_row((d.path, i, c.value, c.unit, c.subject, c.model_dump_json()))
            with cur.copy("COPY relations (path, ord, data) FROM STDIN") as copy:
                for d, e in items:
                    for i, r in enumerate(e.relations):
                        copy.write_row((d.path, i, r.model_dump_json()))

        self._write(work)

    def touch_document(self, document: Document) -> None:
        self._write(
            lambda cur: cur.execute(
                "UPDATE documents SET size = %s, mtime = %s, meta = %s, updated = %s WHERE path = %s",
                (
                    document.size,
                    document.mtime,
                    document.meta.model_dump_json(),
                    datetime.now(UTC),
                    document.path,
                ),
            )
        )

    def record_error(self, path: str, message: str) -> None:
        def work(cur: psycopg.Cursor[Any]) -> None:
            cur.execute(
                "INSERT INTO documents(path, sha256, error, updated) VALUES (%s, NULL, %s, %s)"
                " ON CONFLICT (path) DO UPDATE SET sha256=NULL, text=NULL, extractor=NULL, encoding=NULL, meta=NULL,"
                " error=excluded.error, updated=excluded.updated",
                (path, message, datetime.now(UTC)),
            )
            cur.execute("DELETE FROM claims WHERE path = %s", (path,))
            cur.execute("DELETE FROM relations WHERE path = %s", (path,))

        self._write(work)

    def remove_documents(self, paths: Iterable[str]) -> None:
        wanted = sorted(set(paths))
        if not wanted:
            return

        def work(cur: psycopg.Cursor[Any]) -> None:
            # Rows locked in path order, as replace_documents takes them: no deadlock between the two.
            cur.execute("SELECT path FROM documents WHERE path = ANY(%s) ORDER BY path FOR UPDATE", (wanted,))
            cur.execute("DELETE FROM documents WHERE path = ANY(%s)", (wanted,))  # claims go by cascade

        self._write(work)

    def document_text(self, path: str) -> str | None:
        rows = self._read("SELECT text FROM documents WHERE path = %s", (path,))
        if not rows or rows[0][0] is None:
            return None
        return unpack_text(rows[0][0])

    def claims(self, paths: Iterable[str] | None = None) -> list[Claim]:
        return [compact(Claim.model_validate_json(data)) for data in self._rows("claims", paths)]

    def relations(self, paths: Iterable[str] | None = None) -> list[Relation]:
        rows = self._rows("relations", paths)
        return _RELATIONS.validate_json("[" + ",".join(rows) + "]") if rows else []

    def _rows(self, table: str, paths: Iterable[str] | None) -> list[str]:
        """The `data` column of a per-document table, in document and text order."""
        if paths is None:
            rows = self._read(f"SELECT data FROM {table} ORDER BY path, ord")  # noqa: S608
        else:
            wanted = sorted(set(paths))
            rows = self._read(f"SELECT data FROM {table} WHERE path = ANY(%s) ORDER BY path, ord", (wanted,))  # noqa: S608
        return [r[0] for r in rows]

    # runs and findings

    def start_run(self, trigger: str, paths: list[str]) -> int:
        def work(cur: psycopg.Cursor[Any]) -> int:
            row = cur.execute(
                "INSERT INTO runs(started, trigger, paths) VALUES (%s, %s, %s) RETURNING id",
                (datetime.now(UTC), trigger, json.dumps(paths)),
            ).fetchone()
            assert row is not None
            return int(row[0])

        return self._write(work)

    def finish_run(self, run_id: int, report: Report, made: ReportJson | None = None) -> None:
        made = made or ReportJson(report)
        payload = made.blob()

        def work(cur: psycopg.Cursor[Any]) -> None:
            cur.execute(
                "UPDATE runs SET finished = %s, summary = %s, report = %s WHERE id = %s",
                (datetime.now(UTC), report.summary.model_dump_json(), payload, run_id),
            )
            with cur.copy(
                "COPY findings (run_id, fingerprint, rule, severity, data, ord) FROM STDIN"
            ) as copy:
                for row in made.rows(run_id):  # again on a retry: an iterator over the rows made once
                    copy.write_row(row)

        self._write(work)

    def prune_runs(self, keep: int, paths: list[str] | None = None) -> None:
        """Forget all but the newest `keep` finished runs (of these roots, when given)."""
        mine, args = _of_roots(paths)
        self._write(
            lambda cur: cur.execute(
                f"DELETE FROM runs WHERE finished IS NOT NULL{mine} AND id NOT IN"  # noqa: S608
                f" (SELECT id FROM runs WHERE finished IS NOT NULL{mine} ORDER BY id DESC LIMIT %s)",
                (*args, *args, max(keep, 1)),
            )
        )

    def last_run(self, paths: list[str] | None = None) -> RunRecord | None:
        mine, args = _of_roots(paths)
        rows = self._read(
            "SELECT id, started, finished, trigger, paths, summary FROM runs"  # noqa: S608
            f" WHERE finished IS NOT NULL{mine} ORDER BY id DESC LIMIT 1",
            args,
        )
        if not rows:
            return None
        r = rows[0]
        return RunRecord(
            id=r[0],
            started=r[1],
            finished=r[2],
            trigger=r[3],
            paths=json.loads(r[4]),
            summary=json.loads(r[5] or "{}"),
        )

    def last_report(self) -> Report | None:
        rows = self._read(
            "SELECT id, report FROM runs WHERE finished IS NOT NULL AND report IS NOT NULL ORDER BY id DESC LIMIT 1"
        )
        if not rows:
            return None
        run_id = rows[0][0]
        return report_of(rows[0][1], lambda: self._finding_rows(run_id))

    def findings(self, run_id: int, only: Collection[str] | None = None) -> list[Finding]:
        return findings_of(self._finding_rows(run_id), only)

    def finding_heads(self, run_id: int) -> list[tuple[str, str]]:
        return heads_of(self._finding_rows(run_id))

    def _finding_rows(self, run_id: int) -> list[str]:
        rows = self._read("SELECT data FROM findings WHERE run_id = %s ORDER BY ord NULLS FIRST", (run_id,))
        return [r[0] for r in rows]

    def kept(self, kind: str) -> dict[str, bytes]:
        with self.transaction() as cur:
            return kept_rows(cur, kind, "%s")

    def keep(
        self, kind: str, new: Mapping[str, bytes], keep: Collection[str], gone: Collection[str] | None = None
    ) -> None:
        self._write(lambda cur: keep_rows(cur, kind, new, keep, "%s", gone=gone))

    def close(self) -> None:
        self._pool.close()


def _of_roots(paths: list[str] | None) -> tuple[str, tuple[object, ...]]:
    """A WHERE clause limiting runs to those over exactly these roots (nothing when None)."""
    return ("", ()) if paths is None else (" AND paths = %s", (json.dumps(paths),))
