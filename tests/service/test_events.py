"""Event filtering, driven by scripted watchdog events (no observer, no disk changes needed)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirModifiedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileClosedNoWriteEvent,
    FileCreatedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileOpenedEvent,
    FileSystemEvent,
)

from checker.service.events import HintFilter, HintHandler, Root, with_editor_temporaries
from checker.sources.discover import DEFAULT_EXCLUDE, DEFAULT_INCLUDE


class Sink:
    """Records what the handler queues."""

    def __init__(self) -> None:
        self.paths: set[Path] = set()
        self.rules = False
        self.calls = 0

    def add(self, paths: Iterable[Path] = (), *, rules: bool = False, now: float | None = None) -> None:
        self.calls += 1
        self.paths |= set(paths)
        self.rules = self.rules or rules


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "rules").mkdir()
    return tmp_path / "corpus"


def handler_for(corpus: Path, exclude: Iterable[str] = DEFAULT_EXCLUDE) -> tuple[HintHandler, Sink]:
    hints = HintFilter(
        [Root.of(Path("corpus"))],
        include=DEFAULT_INCLUDE,
        exclude=exclude,
        rule_paths=[Path("rules")],
        ignore_under=[Path("corpus/reports/runs"), Path("corpus/reports/latest.md")],
    )
    sink = Sink()
    return HintHandler(hints, sink), sink


def fire(handler: HintHandler, *events: FileSystemEvent) -> None:
    for event in events:
        handler.dispatch(event)


@pytest.mark.parametrize(
    "name",
    [
        "a.txt",
        "sub/deeper/b.md",
        "UPPER.TXT",
    ],
)
def test_reports_become_hints_in_the_roots_given_form(corpus: Path, name: str) -> None:
    handler, sink = handler_for(corpus)
    fire(handler, FileModifiedEvent(str(corpus / name)))
    assert sink.paths == {Path("corpus") / name}


@pytest.mark.parametrize(
    "name",
    [
        ".#a.txt",  # emacs lock
        "#a.txt#",  # emacs auto-save
        "a.txt~",  # backup
        ".a.txt.swp",  # vim swap
        "a.txt.swp",
        "a.tmp",
        "a.txt.tmp",
        ".hidden.txt",
        ".git/COMMIT_EDITMSG.txt",
        "sub/.git/x.txt",
        "image.png",
        "4913",  # vim's write test
        "reports/latest.md",  # our own output
        "reports/runs/20240101T000000-000001.md",
    ],
)
def test_scratch_hidden_and_foreign_files_are_ignored(corpus: Path, name: str) -> None:
    handler, sink = handler_for(corpus)
    fire(handler, FileCreatedEvent(str(corpus / name)), FileModifiedEvent(str(corpus / name)))
    assert sink.paths == set()


def test_editor_temporaries_are_ignored_even_with_a_custom_exclude(corpus: Path) -> None:
    handler, sink = handler_for(corpus, exclude=["drafts"])
    fire(handler, *(FileCreatedEvent(str(corpus / n)) for n in (".#a.txt", "a.txt~", ".git/x.txt")))
    fire(handler, FileCreatedEvent(str(corpus / "drafts" / "a.txt")))
    assert sink.paths == set()
    assert with_editor_temporaries(["drafts", "*.tmp"]).count("*.tmp") == 1


def test_our_own_reads_and_folder_listings_are_not_changes(corpus: Path) -> None:
    handler, sink = handler_for(corpus)
    fire(
        handler,
        FileOpenedEvent(str(corpus / "a.txt")),
        FileClosedNoWriteEvent(str(corpus / "a.txt")),
        DirModifiedEvent(str(corpus / "sub")),
    )
    assert sink.paths == set()


def test_a_closed_after_write_is_a_hint(corpus: Path) -> None:
    handler, sink = handler_for(corpus)
    fire(handler, FileClosedEvent(str(corpus / "a.txt")))
    assert sink.paths == {Path("corpus/a.txt")}


def test_a_rename_names_both_ends(corpus: Path) -> None:
    handler, sink = handler_for(corpus)
    fire(handler, FileMovedEvent(str(corpus / "a.txt"), str(corpus / "b.txt")))
    assert sink.paths == {Path("corpus/a.txt"), Path("corpus/b.txt")}


def test_an_atomic_save_names_only_the_real_file(corpus: Path) -> None:
    handler, sink = handler_for(corpus)
    tmp = corpus / ".a.txt.swp"
    fire(
        handler,
        FileCreatedEvent(str(tmp)),
        FileModifiedEvent(str(tmp)),
        FileMovedEvent(str(tmp), str(corpus / "a.txt")),
    )
    assert sink.paths == {Path("corpus/a.txt")}


def test_a_file_moved_out_of_the_tree_is_a_hint_for_its_old_name(corpus: Path, tmp_path: Path) -> None:
    handler, sink = handler_for(corpus)
    fire(handler, FileMovedEvent(str(corpus / "a.txt"), str(tmp_path / "elsewhere.txt")))
    assert sink.paths == {Path("corpus/a.txt")}


def test_folders_created_deleted_or_moved_are_hints_unless_excluded(corpus: Path) -> None:
    handler, sink = handler_for(corpus)
    fire(
        handler,
        DirCreatedEvent(str(corpus / "new")),
        DirDeletedEvent(str(corpus / "old")),
        DirMovedEvent(str(corpus / "x"), str(corpus / "y")),
        DirCreatedEvent(str(corpus / ".git")),
        DirCreatedEvent(str(corpus / "sub" / "node_modules")),
    )
    assert sink.paths == {Path("corpus/new"), Path("corpus/old"), Path("corpus/x"), Path("corpus/y")}


def test_the_root_itself_going_away_is_a_hint_for_the_root(corpus: Path) -> None:
    handler, sink = handler_for(corpus)
    fire(handler, DirDeletedEvent(str(corpus)))
    assert sink.paths == {Path("corpus")}


def test_rule_files_are_rule_hints(corpus: Path, tmp_path: Path) -> None:
    handler, sink = handler_for(corpus)
    fire(handler, FileModifiedEvent(str(tmp_path / "rules" / "agree.yaml")))
    assert sink.rules and sink.paths == set()


def test_rule_editor_scratch_files_are_not_rule_hints(corpus: Path, tmp_path: Path) -> None:
    handler, sink = handler_for(corpus)
    fire(handler, FileModifiedEvent(str(tmp_path / "rules" / ".agree.yaml.swp")))
    assert not sink.rules


def test_a_single_file_root_only_hears_about_that_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "one.txt").write_text("x", encoding="utf-8")
    hints = HintFilter([Root.of(Path("one.txt"))], include=DEFAULT_INCLUDE, exclude=DEFAULT_EXCLUDE)
    sink = Sink()
    handler = HintHandler(hints, sink)
    fire(handler, FileModifiedEvent(str(tmp_path / "one.txt")), FileModifiedEvent(str(tmp_path / "two.txt")))
    assert sink.paths == {Path("one.txt")}


def test_a_sidecar_or_manifest_event_names_the_documents_it_describes(corpus: Path) -> None:
    (corpus / "a.txt").write_text("x", encoding="utf-8")
    (corpus / "b.md").write_text("x", encoding="utf-8")
    (corpus / "sub").mkdir()
    handler, sink = handler_for(corpus)
    for name in ("a.txt.meta.yml", "b.meta.yml", "sources.csv", "sub/sources.yml"):
        handler.dispatch(FileModifiedEvent(str((corpus / name).resolve())))
    assert sink.paths == {Path("corpus/a.txt"), Path("corpus/b.md"), Path("corpus"), Path("corpus/sub")}
