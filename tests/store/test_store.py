"""The store interface, the same tests on every backend: SQLite files and a real PostgreSQL server."""

from __future__ import annotations

import sqlite3
import threading
import time
import zlib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from checker.errors import StoreError
from checker.models import (
    Claim,
    Document,
    DocumentMeta,
    Extraction,
    Finding,
    ListRelation,
    PartialDate,
    Report,
    RunInfo,
    Severity,
    Summary,
    reportjson,
)
from checker.models.reportjson import ReportJson, _Compressor, json_file
from checker.packing import unpack
from checker.pipeline import check
from checker.rules.loader import load_rules
from checker.store import is_postgres_url, open_store
from checker.store.migrations import SCHEMA_VERSION, statements, steps


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


def _report(run_id: int, documents: int = 2) -> Report:
    return Report(
        run=RunInfo(id=run_id, started=datetime.now(UTC)),
        summary=Summary(documents=documents),
        documents=[],
        groups=[],
        findings=[],
    )


def test_replace_is_atomic_and_survives_reopen(store_location: str) -> None:
    store = open_store(store_location)
    store.replace_document(
        _doc("a.txt", "aaa"), Extraction(claims=[_claim("a.txt", 1), _claim("a.txt", 2, 5)]), "v1"
    )
    store.replace_document(_doc("a.txt", "bbb"), Extraction(claims=[_claim("a.txt", 3)]), "v1")
    store.close()
    again = open_store(store_location)
    assert [c.value for c in again.claims()] == [3]
    assert again.documents()["a.txt"].claims == 1
    assert again.document_text("a.txt") == "bbb"
    again.close()


def test_claims_read_back_share_their_sets_of_given_fields_and_equal_what_was_stored(
    store_location: str,
) -> None:
    store = open_store(store_location)
    stored = [_claim("a.txt", 1), _claim("a.txt", 2, 5), _claim("a.txt", 3, 9)]
    store.replace_document(_doc("a.txt", "aaa bbb ccc"), Extraction(claims=stored), "v1")
    back = store.claims()
    assert back == stored
    assert len({id(c.model_fields_set) for c in back}) == 1
    assert len({id(c.interval.model_fields_set) for c in back}) == 1
    assert back[0].model_fields_set == set(Claim.model_fields), (
        "every field was stored, so every field is given"
    )
    store.close()


def test_failed_write_leaves_old_state(store_location: str) -> None:
    store = open_store(store_location)
    store.replace_document(_doc("a.txt", "aaa"), Extraction(claims=[_claim("a.txt", 1)]), "v1")

    class Boom(Claim):
        def model_dump_json(self, **kwargs: object) -> str:  # type: ignore[override]
            raise RuntimeError("disk on fire")

    bad = Boom(**_claim("a.txt", 9).model_dump())
    with pytest.raises(RuntimeError):
        store.replace_document(_doc("a.txt", "zzz"), Extraction(claims=[_claim("a.txt", 8), bad]), "v1")
    assert [c.value for c in store.claims()] == [1]
    assert store.document_text("a.txt") == "aaa"


def test_error_retracts_claims_and_remove_forgets(store_location: str) -> None:
    store = open_store(store_location)
    store.replace_document(_doc("a.txt", "a"), Extraction(claims=[_claim("a.txt", 1)]), "v1")
    store.replace_document(_doc("b.txt", "b"), Extraction(claims=[_claim("b.txt", 2)]), "v1")
    store.record_error("a.txt", "binary file")
    assert [c.path for c in store.claims()] == ["b.txt"]
    assert store.documents()["a.txt"].error == "binary file"
    store.remove_documents(["a.txt", "b.txt"])
    assert store.documents() == {}
    assert store.claims() == []


def test_batches_touches_and_order_are_the_same_everywhere(store_location: str) -> None:
    store = open_store(store_location)
    # Code-point order, as SQLite sorts: "B" < "a" < "é" < "中" (a locale collation would say otherwise).
    names = ["中.txt", "a.txt", "B.txt", "é.txt"]
    store.replace_documents(
        [
            (_doc(n, n * 3), Extraction(claims=[_claim(n, i), _claim(n, i + 10, 4)]))
            for i, n in enumerate(names)
        ],
        "v1",
    )
    assert [c.path for c in store.claims()] == [p for p in sorted(names) for _ in range(2)]
    assert [c.value for c in store.claims(["a.txt", "中.txt"])] == [1, 11, 0, 10]
    touched = _doc("a.txt", "a.txta.txta.txt").model_copy(update={"mtime": 1712345678.123456789, "size": 99})
    store.touch_document(touched)
    kept = store.documents()["a.txt"]
    assert (kept.mtime, kept.size, kept.claims) == (touched.mtime, 99, 2)


def test_runs_and_reports_round_trip(store_location: str) -> None:
    store = open_store(store_location)
    run_id = store.start_run("check", ["corpus"])
    assert store.last_run() is None
    store.finish_run(run_id, _report(run_id))
    last = store.last_run()
    assert last is not None and last.id == run_id and last.summary["documents"] == 2
    restored = store.last_report()
    assert restored is not None and restored.summary.documents == 2
    for _ in range(4):
        store.finish_run(store.start_run("check", []), _report(run_id))
    store.prune_runs(2)
    last = store.last_run()
    assert last is not None and last.id == run_id + 4


def _findings(n: int, passed: Callable[[int], bool] = lambda i: False) -> list[Finding]:
    # Not in any sorted order of fingerprint or rule: only their place says where they go.
    return [
        Finding(
            rule=f"r{(7 * i) % n}",
            severity=Severity.INFO if passed(i) else Severity.ERROR,
            message=f"m{i}",
            claims=[],
            fingerprint=f"{(5 * i) % n:04d}",
            passed=passed(i),
        )
        for i in range(n)
    ]


@pytest.mark.parametrize(
    "passed",
    [lambda i: False, lambda i: True, lambda i: i % 3 != 1, lambda i: i < 4, lambda i: i >= 9],
    ids=["none passed", "all passed", "interleaved", "passed first", "passed last"],
)
def test_a_runs_report_is_kept_whole_and_its_open_findings_as_rows_in_report_order(
    store_location: str, passed: Callable[[int], bool]
) -> None:
    store = open_store(store_location)
    run_id = store.start_run("check", ["corpus"])
    report = _report(run_id)
    report.findings = _findings(12, passed)
    store.finish_run(run_id, report)
    restored = store.last_report()
    assert restored is not None and [(f.message, f.passed) for f in restored.findings] == [
        (f.message, f.passed) for f in report.findings
    ]
    # The next run tracks only what did not pass: those alone are rows, read without the rest.
    assert [f.message for f in store.findings(run_id)] == [f.message for f in report.findings if not f.passed]
    assert unpack(_report_blob(store_location, run_id)) == report.model_dump_json().encode()
    store.close()


def test_the_next_run_reads_the_open_findings_heads_and_the_whole_of_those_it_asks_for(
    store_location: str,
) -> None:
    store = open_store(store_location)
    run_id = store.start_run("check", ["corpus"])
    report = _report(run_id)
    report.findings = _findings(9, lambda i: i % 3 == 0)
    report.findings[1].status = "accepted"
    report.findings[2].status = "persisting"
    store.finish_run(run_id, report)
    held = [f for f in report.findings if not f.passed]
    assert store.finding_heads(run_id) == [(f.fingerprint, f.status) for f in held]
    some = {held[0].fingerprint, held[-1].fingerprint, "no such fingerprint"}
    assert [f.message for f in store.findings(run_id, some)] == [held[0].message, held[-1].message]
    assert store.findings(run_id, set()) == []
    store.close()


def test_a_run_stored_with_every_finding_as_a_row_is_read_as_it_was(store_location: str) -> None:
    """Schema 5 and 6 kept every finding, passed or not, as a row, and none in the blob."""
    store = open_store(store_location)
    run_id = store.start_run("check", ["corpus"])
    report = _report(run_id)
    store.finish_run(run_id, report)
    findings = _findings(5, lambda i: i % 2 == 0)
    rows = [
        (run_id, f.fingerprint, f.rule, f.severity.value, f.model_dump_json(), i)
        for i, f in enumerate(findings)
    ]
    _write_raw(
        store_location,
        "INSERT INTO findings(run_id, fingerprint, rule, severity, data, ord) VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    restored = store.last_report()
    assert restored is not None and [f.message for f in restored.findings] == [f"m{i}" for i in range(5)]
    assert [f.message for f in store.findings(run_id)] == [f"m{i}" for i in range(5)]
    store.close()


def test_a_report_stored_whole_by_an_older_checker_is_read_as_it_was(store_location: str) -> None:
    """Before schema 5 a run's report blob held its findings too (and their rows had no place)."""
    store = open_store(store_location)
    run_id = store.start_run("check", ["corpus"])
    report = _report(run_id)
    store.finish_run(run_id, report)
    report.findings = _findings(3)
    old = zlib.compress(report.model_dump_json().encode("utf-8"), 1)
    _write_raw(store_location, "UPDATE runs SET report = ? WHERE id = ?", [(old, run_id)])
    restored = store.last_report()
    assert restored is not None and [f.message for f in restored.findings] == ["m0", "m1", "m2"]
    store.close()


def test_a_text_stored_by_an_older_checker_is_read_as_it_was(store_location: str) -> None:
    """Before zstd the store compressed documents' texts with zlib: such rows still read back."""
    store = open_store(store_location)
    store.replace_document(_doc("a.txt", "新建公共充电桩7万个"), Extraction(claims=[]), "v1")
    old = zlib.compress("新增建成铁路里程660公里".encode(), 1)
    _write_raw(store_location, "UPDATE documents SET text = ? WHERE path = ?", [(old, "a.txt")])
    assert store.document_text("a.txt") == "新增建成铁路里程660公里"
    store.close()


def _write_raw(location: str, sql: str, rows: Sequence[tuple[object, ...]]) -> None:
    """Rows written past the store, as an older checker wrote them (`?` marks, in either dialect)."""
    if is_postgres_url(location):
        with psycopg.connect(location, autocommit=True) as conn:
            conn.cursor().executemany(sql.replace("?", "%s").encode(), rows)
    else:
        with sqlite3.connect(location) as raw:
            raw.executemany(sql, rows)


def _report_blob(location: str, run_id: int) -> bytes:
    if is_postgres_url(location):
        with psycopg.connect(location) as conn:
            row = conn.execute(b"SELECT report FROM runs WHERE id = %s", (run_id,)).fetchone()
            assert row is not None
            return bytes(row[0])
    with sqlite3.connect(location) as raw:
        return bytes(raw.execute("SELECT report FROM runs WHERE id = ?", (run_id,)).fetchone()[0])


def test_runs_of_other_roots_are_neither_previous_nor_pruned(store_location: str) -> None:
    store = open_store(store_location)
    mine = store.start_run("watch", ["desk-a"])
    store.finish_run(mine, _report(mine, 1))
    for _ in range(3):
        other = store.start_run("watch", ["desk-b"])
        store.finish_run(other, _report(other, 7))
    last_a = store.last_run(["desk-a"])
    assert last_a is not None and last_a.id == mine and last_a.summary["documents"] == 1
    store.prune_runs(1, ["desk-b"])
    assert store.last_run(["desk-a"]) is not None
    last = store.last_run()
    assert last is not None and last.paths == ["desk-b"]


def test_relations_and_metadata_round_trip_and_go_with_their_document(store_location: str) -> None:
    store = open_store(store_location)
    meta = DocumentMeta(date=PartialDate(year=2024, month=6), date_source="file name", title="t")
    doc = _doc("a.txt", "aaa").model_copy(update={"meta": meta})
    claim = _claim("a.txt", 3)
    relation = ListRelation(path="a.txt", count=claim.id, items=["x", "y", "z"])
    store.replace_document(doc, Extraction(claims=[claim], relations=[relation]), "v1")
    assert store.relations(["a.txt"]) == [relation]
    assert store.documents()["a.txt"].meta == meta
    store.record_error("a.txt", "binary file")
    assert store.relations() == []


def _old_store(location: str, version: int) -> None:
    """A store as checker left it at schema `version`, holding one document."""
    insert = "INSERT INTO documents(path, sha256, size, mtime, updated) VALUES ('old.txt', 'abc', 3, 1.0, '2024-01-01')"
    if is_postgres_url(location):
        with psycopg.connect(location, autocommit=True) as conn:
            for step in steps("postgresql")[:version]:
                for statement in statements(step):
                    conn.execute(statement.encode())
            conn.execute(
                f"CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES ({version})".encode()
            )
            if version:
                conn.execute(insert.encode())
        return
    raw = sqlite3.connect(location)
    for step in steps("sqlite")[:version]:
        for statement in statements(step):
            raw.execute(statement)
    raw.execute(f"PRAGMA user_version={version}")
    if version:
        raw.execute(insert)
    raw.commit()
    raw.close()


def _version(location: str) -> int:
    if is_postgres_url(location):
        with psycopg.connect(location) as conn:
            row = conn.execute(b"SELECT version FROM schema_version").fetchone()
            assert row is not None
            return int(row[0])
    return int(sqlite3.connect(location).execute("PRAGMA user_version").fetchone()[0])


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_upgrades_from_every_earlier_version_keeping_documents(store_location: str, version: int) -> None:
    _old_store(store_location, version)
    store = open_store(store_location)
    assert _version(store_location) == SCHEMA_VERSION
    assert store.documents()["old.txt"].sha256 == "abc"
    store.replace_document(_doc("new.txt", "n"), Extraction(claims=[_claim("new.txt", 1)]), "v2")
    assert [c.path for c in store.claims()] == ["new.txt"]
    store.close()


def test_a_store_from_a_newer_checker_is_refused(store_location: str) -> None:
    _old_store(store_location, 0)
    if is_postgres_url(store_location):
        with psycopg.connect(store_location, autocommit=True) as conn:
            conn.execute(f"UPDATE schema_version SET version = {SCHEMA_VERSION + 1}".encode())
    else:
        raw = sqlite3.connect(store_location)
        raw.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
        raw.commit()
        raw.close()
    with pytest.raises(StoreError, match="newer checker"):
        open_store(store_location)


def test_both_dialects_have_every_step() -> None:
    assert len(steps("sqlite")) == len(steps("postgresql")) == SCHEMA_VERSION
    assert all(statements(step) for step in steps("postgresql"))


def test_the_reports_json_is_made_once_for_latest_json_the_blob_and_the_rows(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "s.db")
    report, _ = check(store, [seeds_copy], load_rules([]).rules, include=["*.txt"], exclude=[])
    store.close()
    report.findings[3].passed = False  # the seeds hold: one made open, so that there is a row to make
    assert report.groups and report.documents and report.timelines and len(report.findings) > 10
    made = ReportJson(report)
    whole = report.model_dump_json().encode("utf-8")
    assert b"".join(made.file()) == whole + b"\n"
    assert b"".join(json_file(report)) == whole + b"\n", (
        "`checker report` writes the same file, stores nothing"
    )
    assert unpack(made.blob()) == whole
    rows = list(made.rows(7))
    assert rows == [
        (7, f.fingerprint, f.rule, f.severity.value, f.model_dump_json(), 3) for f in report.findings[3:4]
    ]
    assert unpack(ReportJson(report).blob()) == whole, "made without the pieces being read first"
    monkeypatch.setattr(reportjson, "BLOCK", 1000)
    blocks = list(ReportJson(report).file())
    # Written in blocks, not a piece a model: each write let the compressing thread take the GIL.
    assert len(blocks) > 3 and all(len(b) >= 1000 for b in blocks[:-2]), [len(b) for b in blocks]
    abandoned = ReportJson(report)
    pieces = abandoned.pieces()
    next(pieces), next(pieces)
    pieces.close()  # a report write that failed half-way
    assert unpack(abandoned.blob()) == whole
    deadline = time.monotonic() + 10
    while any(t.name == "report-blob" for t in threading.enumerate()) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not any(t.name == "report-blob" for t in threading.enumerate()), "every compressing thread stopped"


def test_a_compression_that_failed_gives_no_blob() -> None:
    packer = _Compressor()
    packer.put(b'{"version":1}')
    packer.put("not bytes")  # type: ignore[arg-type]
    for _ in range(10):  # more than the queue holds: a failed thread is not waited on
        packer.put(b"{}")
    packer.put(None)
    with pytest.raises(TypeError):
        packer.result()


def test_a_runs_findings_read_back_equal_and_their_quotes_share_their_sets_of_given_fields(
    seeds_copy: Path, tmp_path: Path
) -> None:
    store = open_store(tmp_path / "s.db")
    report, _ = check(store, [seeds_copy], load_rules([]).rules, include=["*.txt"], exclude=[])
    restored = store.last_report()
    store.close()
    assert restored is not None
    back = restored.findings
    assert back == report.findings
    quotes = [q for f in back for q in f.claims]
    assert len(quotes) > 50
    assert len({id(q.model_fields_set) for q in quotes}) == 1


def test_kept_rows_named_gone_are_dropped_and_no_other_is_read_or_lost(store_location: str) -> None:
    store = open_store(store_location)
    try:
        store.keep("units /c", {"a": b"1", "b": b"2", "c": b"3"}, [])
        store.keep("units /other", {"a": b"9"}, [])
        assert store.kept("units /c") == {"a": b"1", "b": b"2", "c": b"3"}
        # The caller knows what it kept last time: b is gone; c, which another writer may use, is left.
        store.keep("units /c", {"d": b"4", "a": b"other bytes"}, ["a", "d"], gone=["b"])
        assert store.kept("units /c") == {"a": b"1", "c": b"3", "d": b"4"}, "a kept row is never replaced"
        assert store.kept("units /other") == {"a": b"9"}
        # Without `gone`, every row of the kind not kept nor new is dropped.
        store.keep("units /c", {}, ["a"])
        assert store.kept("units /c") == {"a": b"1"}
    finally:
        store.close()
