"""Units one process evaluated are kept in the store, and the next process carries them over (checker/kept.py).

Each test opens a new store object and loads the rules again for the second
run: that is what a new `checker check` process starts from (an empty memo,
new rule objects), so nothing can come from memory.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import NamedTuple

import pytest

from checker.incremental import memo_for
from checker.models import Report
from checker.pipeline import check
from checker.rules.base import Rule
from checker.rules.loader import load_rules
from checker.store import open_store
from tests.conftest import replace_in

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ROOT / "bench" / "data" / "crosslang"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", folder)
    for path in sorted(ENGLISH.glob("en0*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", folder)
    return folder


class Run(NamedTuple):
    report: Report
    evaluated: int  # units evaluated (not taken from the store)
    units: int
    grouped: int  # components whose facts were grouped (not taken from the store)


def _run(db: Path, corpus: Path, rules_dir: Path, *, incremental: bool = True) -> Run:
    """One run as a new process makes it: a new store object, rules loaded again."""
    store = open_store(db)
    rules: list[Rule] = load_rules([rules_dir]).rules
    report, _ = check(store, [corpus], rules, include=["*.txt"], exclude=[], incremental=incremental)
    memo = memo_for(store)
    return Run(report, memo.evaluated, len(memo.units), len(memo.grouped))


def _shape(report: Report) -> list[tuple[object, ...]]:
    return [
        (f.rule, f.fingerprint, f.severity, f.message, f.passed, [(c.path, c.line, c.column) for c in f.claims],
         [r.fingerprint for r in f.related], f.status)
        for f in report.findings
    ]  # fmt: skip


def _fresh(tmp_path: Path, corpus: Path, rules_dir: Path) -> Report:
    fresh = tmp_path / f"fresh{len(list(tmp_path.glob('fresh*.db')))}.db"
    return _run(fresh, corpus, rules_dir, incremental=False).report


def _rows(db: Path, what: str = "units") -> int:
    with sqlite3.connect(db) as raw:
        return int(raw.execute("SELECT COUNT(*) FROM kept WHERE kind LIKE ?", (what + " %",)).fetchone()[0])


def test_a_new_process_evaluates_only_the_changed_units(
    corpus: Path, rules_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "s.db"
    first = _run(db, corpus, rules_dir)
    assert first.evaluated == first.units == _rows(db) > 50
    assert first.grouped == _rows(db, "facts") > 20
    again = _run(db, corpus, rules_dir)
    assert again.evaluated == 0, "nothing changed: every unit is carried over from the store"
    assert again.grouped == 0, "nothing changed: every component's facts are taken from the store"
    seed = sorted(corpus.glob("0*.txt"))[0]
    replace_in(seed, "660", "680")
    report, evaluated, units, grouped = _run(db, corpus, rules_dir)
    assert 0 < evaluated < units // 2, (evaluated, units)
    assert 0 < grouped < first.grouped // 2
    fresh = _fresh(tmp_path, corpus, rules_dir)
    assert any("680" in f.message for f in report.findings if not f.passed)
    assert [s[:-1] for s in _shape(report)] == [s[:-1] for s in _shape(fresh)]
    assert [g.model_dump() for g in report.groups] == [g.model_dump() for g in fresh.groups]


def test_rows_of_units_that_are_gone_are_forgotten(corpus: Path, rules_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _run(db, corpus, rules_dir)
    before = _rows(db)
    sorted(corpus.glob("0*.txt"))[-1].unlink()
    after = _run(db, corpus, rules_dir)
    assert _rows(db) == after.units < before


def test_a_changed_fact_sheet_is_judged_again(corpus: Path, rules_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    first = _run(db, corpus, rules_dir).report
    sheet = next(rules_dir.glob("facts/*.yml"))
    replace_in(sheet, "value: 660", "value: 690")
    report, evaluated, _, _ = _run(db, corpus, rules_dir)
    assert evaluated > 0
    assert [s[:-1] for s in _shape(report)] == [s[:-1] for s in _shape(_fresh(tmp_path, corpus, rules_dir))]
    assert _shape(report) != _shape(first), "the sheet's new value must change a finding"


def test_damaged_rows_are_evaluated_again(corpus: Path, rules_dir: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    _run(db, corpus, rules_dir)
    with sqlite3.connect(db) as raw:
        raw.execute("UPDATE kept SET data = CAST('{\"found\": 7}' AS BLOB)")
    report, evaluated, units, grouped = _run(db, corpus, rules_dir)
    assert evaluated == units
    assert grouped == _rows(db, "facts"), "every damaged component's facts are grouped again"
    assert [s[:-1] for s in _shape(report)] == [s[:-1] for s in _shape(_fresh(tmp_path, corpus, rules_dir))]


def test_rows_are_kept_once_the_reports_are_out_and_a_failed_publication_keeps_none(
    corpus: Path, rules_dir: Path, tmp_path: Path
) -> None:
    """A reader of the reports does not wait for the rows: they are written after the publication."""
    db = tmp_path / "s.db"
    seen: list[int] = []

    def publish(report: Report) -> None:
        seen.append(_rows(db))

    store = open_store(db)
    check(
        store, [corpus], load_rules([rules_dir]).rules, include=["*.txt"], exclude=[], before_finish=publish
    )
    assert seen == [0], "nothing kept before the reports were written"
    assert _rows(db) == len(memo_for(store).units) > 0
    store.close()

    failed = tmp_path / "failed.db"

    def fail(report: Report) -> None:
        raise OSError("disk full")

    store = open_store(failed)
    with pytest.raises(OSError, match="disk full"):
        check(
            store, [corpus], load_rules([rules_dir]).rules, include=["*.txt"], exclude=[], before_finish=fail
        )
    store.close()
    assert _rows(failed) == 0
    again = _run(failed, corpus, rules_dir)
    assert again.evaluated == again.units, "nothing was kept: every unit is evaluated again"
    assert _shape(again.report) == _shape(_fresh(tmp_path, corpus, rules_dir))
