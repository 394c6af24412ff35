"""Store: the product's memory.  One small interface; SQLite is the embedded default, PostgreSQL is shared."""

from __future__ import annotations

from pathlib import Path

from checker.store.base import RunRecord, Store, StoredDocument
from checker.store.postgres import PostgresStore
from checker.store.postgres_setup import is_postgres_url, redact
from checker.store.sqlite import SQLiteStore

__all__ = [
    "PostgresStore",
    "RunRecord",
    "SQLiteStore",
    "Store",
    "StoredDocument",
    "is_postgres_url",
    "open_store",
    "redact",
]


def open_store(location: Path | str) -> Store:
    """Open (creating or upgrading if needed) the store a --store value names.

    A postgresql:// URL opens a database on a server; anything else is a SQLite file.
    """
    if is_postgres_url(location):
        return PostgresStore(str(location))
    return SQLiteStore(Path(location))
