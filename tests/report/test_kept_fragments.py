"""The review page's pieces kept in the store: a new process takes them and writes the page a fresh render writes.

Each `Checker` here stands for a new process (`checker check`): the pieces the process kept in memory are
dropped before it runs.  Rows kept by other code, and damaged rows, are never read.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import checker.report.html as html_module
import checker.report.keptfragments as kept_module
from checker.app import Checker, page_data
from checker.config import load_settings
from checker.models import Report
from checker.report.fragments import Fragments
from checker.report.html import fragments, render_html
from checker.report.runindex import read_index
from checker.selection import rules_for

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SEEDS, tmp_path / "corpus")
    return tmp_path / "corpus"


def _run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    """One run of a checker in what stands for a new process: nothing kept in memory from earlier runs."""
    monkeypatch.setattr(html_module, "_FRAGMENTS", Fragments())
    settings = load_settings(store=tmp_path / "state.db", reports=tmp_path / "reports")
    app = Checker(settings, *rules_for(settings), carry=False)
    try:
        return app.run([Path("corpus")]).report
    finally:
        app.close()


def _fresh_page(tmp_path: Path, report: Report, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(html_module, "_FRAGMENTS", Fragments())
    settings = load_settings(store=tmp_path / "state.db", reports=tmp_path / "reports")
    app = Checker(settings, [], carry=False)
    try:
        return render_html(report, page_data(app.store, report, read_index(tmp_path / "reports")))
    finally:
        app.close()


def _rows(tmp_path: Path) -> dict[str, bytes]:
    settings = load_settings(store=tmp_path / "state.db", reports=tmp_path / "reports")
    app = Checker(settings, [], carry=False)
    try:
        return app.store.kept(kept_module._kind(["corpus"]))
    finally:
        app.close()


def _edit(corpus: Path) -> None:
    first = sorted(corpus.glob("*.txt"))[0]
    first.write_text(
        first.read_text(encoding="utf-8") + "\n全年新增建成铁路里程680公里。\n", encoding="utf-8"
    )


def test_a_new_process_takes_the_kept_pieces_and_writes_the_fresh_page(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(tmp_path, monkeypatch)
    first_made, first_used = fragments().rendered()
    assert first_used and len(first_made) == len(first_used), "the first process renders every piece"
    _edit(corpus)
    report = _run(tmp_path, monkeypatch)
    made, used = fragments().rendered()
    assert len(made) < len(used), "most pieces were taken from the store"
    page = (tmp_path / "reports" / "latest.html").read_text(encoding="utf-8")
    assert page == _fresh_page(tmp_path, report, monkeypatch)
    rows = _rows(tmp_path)
    assert set(rows) == {f"code {kept_module._code_digest()}", *used}, "only what the last render used stays"


def test_pieces_kept_by_other_code_are_dropped_unread(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(tmp_path, monkeypatch)
    monkeypatch.setattr(kept_module, "_code_digest", lambda: "other")
    report = _run(tmp_path, monkeypatch)
    made, used = fragments().rendered()
    assert len(made) == len(used), "nothing was taken from rows another code kept"
    assert set(_rows(tmp_path)) == {"code other", *used}
    page = (tmp_path / "reports" / "latest.html").read_text(encoding="utf-8")
    assert page == _fresh_page(tmp_path, report, monkeypatch)


def test_a_damaged_row_makes_every_piece_again(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(tmp_path, monkeypatch)
    kind = kept_module._kind(["corpus"])
    rows = _rows(tmp_path)
    victim = next(key for key in rows if not key.startswith("code "))
    settings = load_settings(store=tmp_path / "state.db", reports=tmp_path / "reports")
    owner = Checker(settings, [], carry=False)
    try:
        owner.store.keep(kind, {}, [key for key in rows if key != victim])
        owner.store.keep(kind, {victim: b"not a packed piece"}, list(rows))
    finally:
        owner.close()
    _edit(corpus)
    report = _run(tmp_path, monkeypatch)
    made, used = fragments().rendered()
    assert len(made) == len(used)
    page = (tmp_path / "reports" / "latest.html").read_text(encoding="utf-8")
    assert page == _fresh_page(tmp_path, report, monkeypatch)
    assert b"not a packed piece" not in _rows(tmp_path).values()
