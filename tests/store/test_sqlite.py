"""What only the SQLite store does: its WAL journal and its refusal of a file that is not a store.

The interface itself is tested on every backend in test_store.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from checker.errors import StoreError
from checker.models import Document, Extraction
from checker.store import open_store
from checker.store.sqlite import MIGRATIONS, SCHEMA_VERSION


def test_store_is_in_wal_mode_at_the_current_version(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    store = open_store(db)
    store.replace_document(Document(path="a.txt", text="a", sha256="x"), Extraction(), "v1")
    store.close()
    raw = sqlite3.connect(db)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)


def test_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a checker store"):
        open_store(junk)
