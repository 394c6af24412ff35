from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from checker.errors import StoreError
from checker.models import Claim, Document, Report, RunInfo, Summary
from checker.store import open_store


def _doc(path: str, text: str) -> Document:
    return Document(path=path, text=text, sha256=Document.hash_bytes(text.encode()), size=len(text.encode()))


def _claim(path: str, value: float, offset: int = 0) -> Claim:
    return Claim(
        path=path,
        line=1,
        column=offset + 1,
        end_line=1,
        end_column=offset + 3,
        offset=offset,
        end=offset + 2,
        text="x",
        value=value,
        unit="count",
        measure="个",
    )


def test_replace_is_atomic_and_survives_reopen(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    store = open_store(db)
    store.replace_document(_doc("a.txt", "aaa"), [_claim("a.txt", 1), _claim("a.txt", 2, 5)], "v1")
    store.replace_document(_doc("a.txt", "bbb"), [_claim("a.txt", 3)], "v1")
    store.close()
    again = open_store(db)
    assert [c.value for c in again.claims()] == [3]
    assert again.documents()["a.txt"].claims == 1
    assert again.document_text("a.txt") == "bbb"
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_failed_write_leaves_old_state(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    store.replace_document(_doc("a.txt", "aaa"), [_claim("a.txt", 1)], "v1")

    class Boom(Claim):
        def model_dump_json(self, **kwargs: object) -> str:  # type: ignore[override]
            raise RuntimeError("disk on fire")

    bad = Boom(**_claim("a.txt", 9).model_dump())
    with pytest.raises(RuntimeError):
        store.replace_document(_doc("a.txt", "zzz"), [_claim("a.txt", 8), bad], "v1")
    assert [c.value for c in store.claims()] == [1]
    assert store.document_text("a.txt") == "aaa"


def test_error_retracts_claims_and_remove_forgets(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    store.replace_document(_doc("a.txt", "a"), [_claim("a.txt", 1)], "v1")
    store.replace_document(_doc("b.txt", "b"), [_claim("b.txt", 2)], "v1")
    store.record_error("a.txt", "binary file")
    assert [c.path for c in store.claims()] == ["b.txt"]
    assert store.documents()["a.txt"].error == "binary file"
    store.remove_documents(["a.txt", "b.txt"])
    assert store.documents() == {}
    assert store.claims() == []


def test_runs_and_reports_round_trip(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    run_id = store.start_run("check", ["corpus"])
    assert store.last_run() is None
    report = Report(
        run=RunInfo(id=run_id, started=datetime.now(UTC)),
        summary=Summary(documents=2),
        documents=[],
        groups=[],
        findings=[],
    )
    store.finish_run(run_id, report)
    last = store.last_run()
    assert last is not None and last.id == run_id and last.summary["documents"] == 2
    restored = store.last_report()
    assert restored is not None and restored.summary.documents == 2
    for _ in range(4):
        store.finish_run(store.start_run("check", []), report)
    store.prune_runs(2)
    last = store.last_run()
    assert last is not None and last.id == run_id + 4


def test_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="not a checker store"):
        open_store(junk)
