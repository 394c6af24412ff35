"""The service loop driven by scripted events and a fake clock: real store and pipeline, no observer."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from servicekit import FakeClock, report_text, sha
from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
)

from checker.app import Checker, RunOutcome
from checker.cli.common import rules_for
from checker.config import Settings, load_settings
from checker.rules.base import Rule
from checker.service.debounce import Coalescer
from checker.service.events import HintFilter, HintHandler, Root
from checker.service.loop import BatchLoop
from checker.service.runner import Runner


@dataclass
class Harness:
    """A service without its observer and scheduler: events go in by hand, time moves by hand."""

    corpus: Path
    clock: FakeClock
    app: Checker
    runner: Runner
    queue: Coalescer
    loop: BatchLoop
    handler: HintHandler

    def fire(self, *events: FileSystemEvent) -> None:
        for event in events:
            self.handler.dispatch(event)

    def write(self, name: str, text: str) -> Path:
        path = self.corpus / name
        path.parent.mkdir(parents=True, exist_ok=True)
        existed = path.exists()
        path.write_text(text, encoding="utf-8")
        kind = FileModifiedEvent if existed else FileCreatedEvent
        self.fire(kind(str(path)), FileClosedEvent(str(path)))
        return path

    def step(self) -> RunOutcome | None:
        """Let the window pass and process what is ready."""
        self.clock.advance(5)
        batch = self.queue.take()
        return self.loop.step(batch) if batch else None

    def stored(self) -> dict[str, str | None]:
        return {p: d.sha256 for p, d in self.app.store.documents().items()}


@pytest.fixture
def harness(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> Iterator[Harness]:
    monkeypatch.chdir(tmp_path)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    settings = load_settings(store=Path("state/checker.db"), reports=Path("reports"), rules=[Path("rules")])
    rules, _ = rules_for(settings)
    app = Checker(settings, rules)
    runner = Runner(app, [Path("corpus")], rules_for)
    queue = Coalescer(0.1, clock=clock)
    loop = BatchLoop(queue, runner, settle=0)
    hints = HintFilter(
        [Root.of(Path("corpus"))],
        include=settings.include,
        exclude=settings.exclude,
        rule_paths=settings.rules,
    )
    yield Harness(corpus, clock, app, runner, queue, loop, HintHandler(hints, queue))
    app.close()


def test_each_kind_of_change_is_one_run_that_leaves_the_store_right(harness: Harness) -> None:
    h = harness
    a = h.write("a.txt", report_text(1))
    assert h.step() is not None
    assert h.stored() == {"corpus/a.txt": sha(a)}

    h.write("a.txt", report_text(2))
    outcome = h.step()
    assert outcome is not None and outcome.sync.extracted == ["corpus/a.txt"]
    assert h.stored() == {"corpus/a.txt": sha(a)}

    b = h.corpus / "b.txt"
    a.rename(b)
    h.fire(FileMovedEvent(str(a), str(b)))
    h.step()
    assert h.stored() == {"corpus/b.txt": sha(b)}

    tmp = h.corpus / "b.txt.tmp"
    tmp.write_text(report_text(3), encoding="utf-8")
    os.replace(tmp, b)
    h.fire(FileCreatedEvent(str(tmp)), FileMovedEvent(str(tmp), str(b)))
    h.step()
    assert h.stored() == {"corpus/b.txt": sha(b)}

    b.unlink()
    h.fire(FileDeletedEvent(str(b)))
    outcome = h.step()
    assert outcome is not None and outcome.sync.removed == ["corpus/b.txt"]
    assert h.stored() == {}
    assert h.runner.runs == 5
    assert (Path("reports") / "latest.json").is_file()


def test_a_burst_of_events_is_one_run(harness: Harness) -> None:
    h = harness
    for n in range(500):
        h.write(f"{n:03d}.txt", report_text(n))
    assert h.queue.pending() == 500
    outcome = h.step()
    assert outcome is not None and len(outcome.sync.extracted) == 500
    assert h.step() is None
    assert h.runner.runs == 1


def test_a_touched_file_is_not_extracted_again_and_a_stray_close_makes_no_run(harness: Harness) -> None:
    h = harness
    a = h.write("a.txt", report_text(1))
    h.step()
    os.utime(a, (time.time() + 5, time.time() + 5))
    h.fire(FileModifiedEvent(str(a)))
    outcome = h.step()
    assert outcome is not None
    assert outcome.sync.extracted == [] and outcome.sync.unchanged == ["corpus/a.txt"]

    h.fire(FileClosedEvent(str(a)))  # e.g. the close of a write already processed
    assert h.step() is None
    assert h.runner.runs == 2


def test_a_file_deleted_between_event_and_read_is_logged_by_name(harness: Harness, logs: list[str]) -> None:
    h = harness
    known = h.write("known.txt", report_text(1))
    h.step()
    h.write("known.txt", report_text(2))
    ghost = h.write("ghost.txt", report_text(3))
    known.unlink()
    ghost.unlink()
    outcome = h.step()
    assert outcome is not None and outcome.sync.removed == ["corpus/known.txt"]
    assert h.stored() == {}
    assert "INFO corpus/ghost.txt: gone before it could be read (deleted or renamed); nothing to do" in logs
    assert "INFO corpus/known.txt: deleted; its claims are retracted" in logs


def test_a_folder_event_alone_is_enough(harness: Harness, tmp_path: Path) -> None:
    h = harness
    outside = tmp_path / "incoming"
    for n in range(3):
        (outside / "sub").mkdir(parents=True, exist_ok=True)
        (outside / "sub" / f"{n}.txt").write_text(report_text(n), encoding="utf-8")
    # A folder moved in from outside the tree: one event, files inside unseen.
    shutil.move(str(outside), str(h.corpus / "incoming"))
    h.fire(DirCreatedEvent(str(h.corpus / "incoming")))
    h.step()
    assert sorted(h.stored()) == [f"corpus/incoming/sub/{n}.txt" for n in range(3)]

    shutil.rmtree(h.corpus / "incoming")
    h.fire(DirDeletedEvent(str(h.corpus / "incoming")))
    h.step()
    assert h.stored() == {}


def test_a_file_still_being_copied_waits_for_the_next_batch(harness: Harness) -> None:
    h = harness
    growing = h.corpus / "big.txt"

    def copy_more(_seconds: float) -> None:
        with growing.open("a", encoding="utf-8") as fh:
            fh.write(report_text(9))

    h.loop = BatchLoop(h.queue, h.runner, settle=0.2, wall=lambda: growing.stat().st_mtime, sleep=copy_more)
    h.write("big.txt", report_text(8))
    assert h.step() is None  # still changing: handed back, no run
    assert h.queue.pending() == 1 and h.runner.runs == 0

    h.loop = BatchLoop(
        h.queue, h.runner, settle=0.2, wall=lambda: growing.stat().st_mtime, sleep=lambda _s: None
    )
    assert h.step() is not None
    assert h.stored() == {"corpus/big.txt": sha(growing)}


def test_a_broken_rule_file_is_logged_and_the_run_goes_on(harness: Harness, logs: list[str]) -> None:
    h = harness
    loaded: list[Rule] = list(h.app.rules)

    def loader(_settings: Settings) -> tuple[list[Rule], list[str]]:
        return loaded, ["rules/broken.yaml:3: key 'kind': unknown rule kind 'agre'; did you mean 'agree'?"]

    h.runner = Runner(h.app, [Path("corpus")], loader)
    h.loop = BatchLoop(h.queue, h.runner, settle=0)
    Path("rules").mkdir()
    Path("rules/broken.yaml").write_text("kind: agre\n", encoding="utf-8")
    h.fire(FileModifiedEvent(str(Path("rules/broken.yaml").resolve())))
    outcome = h.step()
    assert outcome is not None  # rules changed: re-evaluated and reported even with no document change
    assert any("rules/broken.yaml:3" in m and m.startswith("ERROR") for m in logs)
    assert h.app.rules == loaded


def test_a_failing_run_is_logged_and_the_service_keeps_going(
    harness: Harness, logs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    h = harness

    def boom(*_a: Any, **_k: Any) -> RunOutcome:
        raise RuntimeError("disk on fire")

    with monkeypatch.context() as m:
        m.setattr(h.app, "run", boom)
        h.write("a.txt", report_text(1))
        assert h.step() is None
    assert h.runner.failures == 1
    assert any("watch run failed" in line for line in logs)
    h.write("a.txt", report_text(2))
    assert h.step() is not None


def test_reconcile_finds_what_no_event_announced_and_reloads_changed_rules(
    harness: Harness, logs: list[str]
) -> None:
    h = harness
    (h.corpus / "quiet.txt").write_text(report_text(1), encoding="utf-8")  # no event
    Path("rules").mkdir()
    Path("rules/new.yaml").write_text("rules: []\n", encoding="utf-8")
    outcome = h.runner.reconcile()
    assert outcome is not None and outcome.report.run.trigger == "reconcile"
    assert list(h.stored()) == ["corpus/quiet.txt"]
    assert any(m.startswith("INFO rules reloaded") for m in logs)


def test_runs_from_two_threads_never_overlap(harness: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    h = harness
    active, peak = [0], [0]
    real_run = h.app.run

    def counting(*args: Any, **kwargs: Any) -> RunOutcome:
        active[0] += 1
        peak[0] = max(peak[0], active[0])
        time.sleep(0.01)
        try:
            return real_run(*args, **kwargs)
        finally:
            active[0] -= 1

    monkeypatch.setattr(h.app, "run", counting)
    for n in range(10):
        (h.corpus / f"{n}.txt").write_text(report_text(n), encoding="utf-8")
    threads = [threading.Thread(target=h.runner.reconcile) for _ in range(3)]
    threads += [
        threading.Thread(target=h.runner.changed, args=([Path(f"corpus/{n}.txt")],)) for n in range(10)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert peak[0] == 1
    assert len(h.stored()) == 10


def test_a_root_under_a_hidden_folder_still_keeps_its_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clock: FakeClock, logs: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    root = Path(".data") / "corpus"
    root.mkdir(parents=True)
    settings = load_settings(store=Path("state/checker.db"), reports=Path("reports"), rules=[Path("rules")])
    app = Checker(settings, rules_for(settings)[0])
    try:
        runner = Runner(app, [root])
        queue = Coalescer(0.1, clock=clock)
        loop = BatchLoop(queue, runner, settle=0)
        hints = HintFilter([Root.of(root)], include=settings.include, exclude=settings.exclude)
        handler = HintHandler(hints, queue)
        a = root / "a.txt"
        for text in (report_text(1), report_text(2)):
            a.write_text(text, encoding="utf-8")
            handler.dispatch(FileModifiedEvent(str(a.resolve())))
            clock.advance(5)
            batch = queue.take()
            assert batch is not None and loop.step(batch) is not None
            assert {p: d.sha256 for p, d in app.store.documents().items()} == {".data/corpus/a.txt": sha(a)}
    finally:
        app.close()
