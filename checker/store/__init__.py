"""Store: the product's memory.  One small interface; SQLite is the embedded default."""

from checker.store.base import RunRecord, Store, StoredDocument
from checker.store.sqlite import SQLiteStore, open_store

__all__ = ["RunRecord", "SQLiteStore", "Store", "StoredDocument", "open_store"]
