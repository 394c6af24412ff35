"""What only the SQLite store does: its WAL journal and its refusal of a file that is not a store.

The interface itself is tested on every backend in test_store.py.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from checker.errors import StoreError
from checker.models import Document, Extraction
from checker.store import open_store
from checker.store.faults import StoreDamaged
from checker.store.sqlite import MIGRATIONS, SCHEMA_VERSION, SQLiteStore


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


def _store_with_a_document(db: Path) -> None:
    store = open_store(db)
    store.replace_document(Document(path="a.txt", text="a", sha256="x"), Extraction(), "v1")
    store.close()


def test_a_store_as_its_last_clean_close_left_it_is_opened_without_the_quick_check(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _store_with_a_document(db)
    again = open_store(db)
    assert isinstance(again, SQLiteStore) and not again.checked
    again.close()


def test_a_store_touched_since_its_last_close_is_checked_again(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _store_with_a_document(db)
    os.utime(db, ns=(db.stat().st_atime_ns, db.stat().st_mtime_ns + 1_000_000))  # a copy over it, a tool ...
    again = open_store(db)
    assert isinstance(again, SQLiteStore) and again.checked
    again.close()


def test_a_store_whose_last_run_did_not_close_it_is_checked_again(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _store_with_a_document(db)
    crashed = open_store(db)  # written and never closed: a kill -9 mid-run
    crashed.replace_document(Document(path="b.txt", text="b", sha256="y"), Extraction(), "v1")
    again = open_store(db)
    assert isinstance(again, SQLiteStore) and again.checked
    again.close()
    crashed.close()


def test_a_page_damaged_after_a_clean_close_is_still_named(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _store_with_a_document(db)
    with db.open("r+b") as fh:  # page 2 of 4 KiB, in place: the size stays, the modification time does not
        fh.seek(4096)
        fh.write(b"\xde\xad" * 2048)
    with pytest.raises(StoreDamaged, match="is damaged"):
        open_store(db)


def test_a_batch_of_documents_is_stored_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import checker.store.sqlite as sqlite_store

    store = open_store(tmp_path / "s.db")
    docs = [Document(path=f"d{i}.txt", text=f"文{i}", sha256=f"{i}" * 64) for i in range(3)]
    real = sqlite_store.replace_rows
    done: list[str] = []

    def fails_on_the_third(
        db: sqlite3.Connection, document: Document, extraction: Extraction, extractor: str
    ) -> None:
        if len(done) == 2:
            raise sqlite3.OperationalError("disk I/O error")
        real(db, document, extraction, extractor)
        done.append(document.path)

    monkeypatch.setattr(sqlite_store, "replace_rows", fails_on_the_third)
    with pytest.raises(sqlite3.OperationalError):
        store.replace_documents([(d, Extraction()) for d in docs], "v")
    assert done == ["d0.txt", "d1.txt"] and store.documents() == {}  # the two before it went with it
    monkeypatch.setattr(sqlite_store, "replace_rows", real)
    store.replace_documents([(d, Extraction()) for d in docs], "v")
    assert sorted(store.documents()) == ["d0.txt", "d1.txt", "d2.txt"]
    store.close()


def _text(path: str, text: str) -> Document:
    return Document(path=path, text=text, sha256=Document.hash_bytes(text.encode()), size=len(text.encode()))


def test_the_listing_follows_this_stores_writes_and_another_connections_without_reading_every_row(
    tmp_path: Path,
) -> None:
    from checker.models import Claim

    one, other = SQLiteStore(tmp_path / "s.db"), SQLiteStore(tmp_path / "s.db")
    full: list[str] = []
    one._db.set_trace_callback(
        lambda sql: full.append(sql) if "FROM documents d" in sql and "IN (" not in sql else None
    )
    try:
        claim = Claim(path="a.txt", line=1, column=1, end_line=1, end_column=3, offset=0, end=2, text="5个",
                      value=5, unit="count", measure="个")  # fmt: skip
        one.replace_documents(
            [(_text("a.txt", "5个"), Extraction(claims=[claim])), (_text("b.txt", "b"), Extraction())], "v"
        )
        listed = one.documents()
        assert sorted(listed) == ["a.txt", "b.txt"] and listed["a.txt"].claims == 1 and len(full) == 1
        one.replace_documents([(_text("c.txt", "c"), Extraction())], "v")
        one.record_error("b.txt", "not UTF-8")
        one.remove_documents(["a.txt"])
        listed = one.documents()
        assert sorted(listed) == ["b.txt", "c.txt"] and listed["b.txt"].error == "not UTF-8"
        assert len(full) == 1, "this store's own writes are read back, not every row"
        assert listed == other.documents(), "what a new listing reads"
        other.replace_documents([(_text("d.txt", "d"), Extraction())], "v")  # another connection writes
        assert sorted(one.documents()) == ["b.txt", "c.txt", "d.txt"] and len(full) == 2
        listed["e.txt"] = listed["b.txt"]
        assert "e.txt" not in one.documents(), "a caller's copy, not the listing itself"
    finally:
        one.close()
        other.close()
