"""A document as the SQLite store writes it: its row (text packed), its claims and relations, in order."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from checker.models import Document, Extraction
from checker.packing import pack_text


def now() -> str:
    """When a row is written, as the store notes it."""
    return datetime.now(UTC).isoformat()


def replace_rows(db: sqlite3.Connection, document: Document, extraction: Extraction, extractor: str) -> None:
    """The document's row, claims and relations, in place of what the store held of it (in the caller's transaction)."""
    db.execute("DELETE FROM claims WHERE path = ?", (document.path,))
    db.execute("DELETE FROM relations WHERE path = ?", (document.path,))
    db.execute(
        "INSERT INTO documents(path, sha256, encoding, size, mtime, extractor, text, error, updated, meta)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)"
        " ON CONFLICT(path) DO UPDATE SET sha256=excluded.sha256, encoding=excluded.encoding,"
        " size=excluded.size, mtime=excluded.mtime, extractor=excluded.extractor, text=excluded.text,"
        " error=NULL, updated=excluded.updated, meta=excluded.meta",
        (document.path, document.sha256, document.encoding, document.size, document.mtime, extractor,
         pack_text(document.text), now(), document.meta.model_dump_json()),
    )  # fmt: skip
    db.executemany(
        "INSERT INTO claims(path, ord, value, unit, subject, data) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (document.path, i, c.value, c.unit, c.subject, c.model_dump_json())
            for i, c in enumerate(extraction.claims)
        ],
    )
    db.executemany(
        "INSERT INTO relations(path, ord, data) VALUES (?, ?, ?)",
        [(document.path, i, r.model_dump_json()) for i, r in enumerate(extraction.relations)],
    )
