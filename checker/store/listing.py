"""The SQLite store's list of documents, kept between reads at the database's data_version.

A service's run listed every document row three times (its hints, the sync, the
evaluation): 0.035 s each at 10,000 documents.  `PRAGMA data_version` changes when
another connection commits and never for this one's own commits, so a listing
kept at that version is current until another writer commits; what this
connection writes is read back into it, row by row.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from checker.store.base import DocumentRows, StoredDocument, stored_document

# A `documents` row as `stored_document` reads it, with its count of claims.
DOCUMENT_ROWS = (
    "SELECT d.path, d.sha256, d.encoding, d.size, d.mtime, d.extractor, d.error, d.updated, d.meta,"
    " (SELECT COUNT(*) FROM claims c WHERE c.path = d.path) AS n FROM documents d"
)


def _version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA data_version").fetchone()[0])


class Listing:
    """The documents as last listed, with the data_version they were listed at (the caller holds the lock)."""

    def __init__(self) -> None:
        self._rows = DocumentRows()
        self._listed: tuple[int, dict[str, StoredDocument]] | None = None

    def documents(self, db: sqlite3.Connection) -> dict[str, StoredDocument]:
        """Every document (a copy the caller may change), read again only if another connection wrote."""
        version = _version(db)
        if self._listed is None or self._listed[0] != version:
            self._listed = (version, self._rows.read(db.execute(DOCUMENT_ROWS).fetchall()))
        return dict(self._listed[1])

    def written(self, db: sqlite3.Connection, paths: Sequence[str]) -> None:
        """Read back the rows of documents this connection wrote (committed or not)."""
        if self._listed is None:
            return
        if self._listed[0] != _version(db):
            self._listed = None  # another connection wrote as well: the next listing reads all
            return
        listed = self._listed[1]
        for i in range(0, len(paths), 500):
            chunk = paths[i : i + 500]
            for p in chunk:
                listed.pop(p, None)
            marks = ",".join("?" * len(chunk))
            rows = db.execute(f"{DOCUMENT_ROWS} WHERE d.path IN ({marks})", chunk).fetchall()
            listed.update((row[0], stored_document(tuple(row))) for row in rows)
