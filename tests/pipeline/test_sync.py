"""sync(): what is read, skipped, retracted; the roots' own folders and checker's output."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.pipeline import sync
from checker.sources.discover import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
from checker.store import open_store

TEXT = "长三角地区新增建成铁路里程660公里，新建公共充电桩7万个以上。"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _sync(store, roots, **kw):  # type: ignore[no-untyped-def]
    return sync(store, roots, include=DEFAULT_INCLUDE, exclude=DEFAULT_EXCLUDE, **kw)


def test_root_inside_a_hidden_folder_is_checked_incrementally(home: Path) -> None:
    root = Path(".data/corpus")
    root.mkdir(parents=True)
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    store = open_store(home / "s.db")
    assert _sync(store, [root]).extracted == [".data/corpus/a.txt"]
    (root / "a.txt").write_text(TEXT.replace("660", "680"), encoding="utf-8")
    result = _sync(store, [root], only=[root / "a.txt"])
    assert result.extracted == [".data/corpus/a.txt"] and not result.removed
    (root / ".b.txt.swp").write_text(TEXT, encoding="utf-8")
    assert not _sync(store, [root], only=[root / ".b.txt.swp"]).extracted


def test_own_reports_inside_the_corpus_are_not_documents(home: Path) -> None:
    root = Path("corpus")
    (root / "reports").mkdir(parents=True)
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "reports" / "latest.md").write_text("# checker report 660公里", encoding="utf-8")
    store = open_store(home / "s.db")
    result = _sync(store, [root], outputs=[root / "reports"])
    assert result.extracted == ["corpus/a.txt"]
    assert not _sync(
        store, [root], only=[root / "reports" / "latest.md"], outputs=[root / "reports"]
    ).extracted
    assert set(store.documents()) == {"corpus/a.txt"}


def test_unchanged_is_skipped_and_deleted_is_retracted(home: Path) -> None:
    root = Path("corpus")
    root.mkdir()
    (root / "a.txt").write_text(TEXT, encoding="utf-8")
    (root / "b.txt").write_text(TEXT, encoding="utf-8")
    store = open_store(home / "s.db")
    assert len(_sync(store, [root]).extracted) == 2
    again = _sync(store, [root])
    assert again.extracted == [] and sorted(again.unchanged) == ["corpus/a.txt", "corpus/b.txt"]
    (root / "b.txt").unlink()
    gone = _sync(store, [root])
    assert gone.removed == ["corpus/b.txt"]
    assert {c.path for c in store.claims()} == {"corpus/a.txt"}


def test_an_extractor_failure_is_the_documents_error_not_silence(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import checker.extract as extract_module

    (home / "a.txt").write_text(TEXT, encoding="utf-8")
    (home / "b.txt").write_text(TEXT, encoding="utf-8")

    real = extract_module._extract

    def fails_on_a(text: str, path: str, *rest, **kw):  # type: ignore[no-untyped-def]
        if path.endswith("a.txt"):
            raise ValueError("boom")
        return real(text, path, *rest, **kw)

    monkeypatch.setattr(extract_module, "_extract", fails_on_a)
    store = open_store(home / "s.db")
    result = _sync(store, [home])
    assert [e.path for e in result.errors] == ["a.txt"]
    assert "extraction failed (ValueError: boom)" in result.errors[0].message
    assert result.extracted == ["b.txt"]
    assert store.documents()["a.txt"].error is not None
