"""Store: the product's memory.  One small interface; SQLite is the embedded default, PostgreSQL is shared.

PostgresStore is imported on first use (module __getattr__): psycopg and its
pool take a noticeable part of a second to import, and a SQLite run never needs them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.store.base import RunRecord, Store, StoredDocument
from checker.store.postgres_setup import is_postgres_url, redact
from checker.store.sqlite import SQLiteStore

if TYPE_CHECKING:
    from checker.store.postgres import PostgresStore

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


def __getattr__(name: str) -> Any:
    if name == "PostgresStore":
        from checker.store.postgres import PostgresStore

        return PostgresStore
    raise AttributeError(f"module 'checker.store' has no attribute {name!r}")


def open_store(location: Path | str) -> Store:
    """Open (creating or upgrading if needed) the store a --store value names.

    A postgresql:// URL opens a database on a server; anything else is a SQLite file.
    """
    if is_postgres_url(location):
        from checker.store.postgres import PostgresStore

        return PostgresStore(str(location))
    return SQLiteStore(Path(location))
