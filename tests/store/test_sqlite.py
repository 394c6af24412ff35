from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from checker.errors import StoreError
from checker.models import (
    Claim,
    Document,
    DocumentMeta,
    Extraction,
    ListRelation,
    PartialDate,
    Report,
    RunInfo,
    Summary,
)
from checker.store import open_store
from checker.store.sqlite import MIGRATIONS, SCHEMA_VERSION, _statements


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
    store.replace_document(
        _doc("a.txt", "aaa"), Extraction(claims=[_claim("a.txt", 1), _claim("a.txt", 2, 5)]), "v1"
    )
    store.replace_document(_doc("a.txt", "bbb"), Extraction(claims=[_claim("a.txt", 3)]), "v1")
    store.close()
    again = open_store(db)
    assert [c.value for c in again.claims()] == [3]
    assert again.documents()["a.txt"].claims == 1
    assert again.document_text("a.txt") == "bbb"
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_failed_write_leaves_old_state(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    store.replace_document(_doc("a.txt", "aaa"), Extraction(claims=[_claim("a.txt", 1)]), "v1")

    class Boom(Claim):
        def model_dump_json(self, **kwargs: object) -> str:  # type: ignore[override]
            raise RuntimeError("disk on fire")

    bad = Boom(**_claim("a.txt", 9).model_dump())
    with pytest.raises(RuntimeError):
        store.replace_document(_doc("a.txt", "zzz"), Extraction(claims=[_claim("a.txt", 8), bad]), "v1")
    assert [c.value for c in store.claims()] == [1]
    assert store.document_text("a.txt") == "aaa"


def test_error_retracts_claims_and_remove_forgets(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    store.replace_document(_doc("a.txt", "a"), Extraction(claims=[_claim("a.txt", 1)]), "v1")
    store.replace_document(_doc("b.txt", "b"), Extraction(claims=[_claim("b.txt", 2)]), "v1")
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


def test_relations_and_metadata_round_trip_and_go_with_their_document(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.db")
    meta = DocumentMeta(date=PartialDate(year=2024, month=6), date_source="file name", title="t")
    doc = _doc("a.txt", "aaa").model_copy(update={"meta": meta})
    claim = _claim("a.txt", 3)
    relation = ListRelation(path="a.txt", count=claim.id, items=["x", "y", "z"])
    store.replace_document(doc, Extraction(claims=[claim], relations=[relation]), "v1")
    assert store.relations(["a.txt"]) == [relation]
    assert store.documents()["a.txt"].meta == meta
    store.record_error("a.txt", "binary file")
    assert store.relations() == []


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_upgrades_from_every_earlier_version_keeping_documents(tmp_path: Path, version: int) -> None:
    db = tmp_path / "old.db"
    raw = sqlite3.connect(db)
    for step in MIGRATIONS[:version]:
        for statement in _statements(step):
            raw.execute(statement)
    raw.execute(f"PRAGMA user_version={version}")
    raw.execute(
        "INSERT INTO documents(path, sha256, size, mtime, updated) VALUES ('old.txt', 'abc', 3, 1.0, '2024-01-01')"
    )
    raw.commit()
    raw.close()
    store = open_store(db)
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.documents()["old.txt"].sha256 == "abc"
    store.replace_document(_doc("new.txt", "n"), Extraction(claims=[_claim("new.txt", 1)]), "v2")
    assert [c.path for c in store.claims()] == ["new.txt"]


def test_a_store_from_a_newer_checker_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    raw = sqlite3.connect(db)
    raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="newer checker"):
        open_store(db)
