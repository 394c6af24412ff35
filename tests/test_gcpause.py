"""checker.gcpause: the collector is off inside a pause and back as it was after the last one."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.app import Checker
from checker.config import load_settings
from checker.gcpause import paused_gc
from checker.selection import rules_for


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_nested_pauses_end_with_the_last(collector_on: None) -> None:
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled(), "the outer pause is still on"
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector_on: None) -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_an_error_inside_ends_the_pause(collector_on: None) -> None:
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_as_a_decorator_each_call_pauses(collector_on: None) -> None:
    seen: list[bool] = []

    @paused_gc()
    def write() -> None:
        seen.append(gc.isenabled())

    write()
    write()
    assert seen == [False, False]
    assert gc.isenabled()


def test_overlapping_pauses_of_two_threads(collector_on: None) -> None:
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with paused_gc():
            inside.set()
            release.wait(10)

    t = threading.Thread(target=other)
    with paused_gc():
        t.start()
        assert inside.wait(10)
    assert not gc.isenabled(), "the other thread's pause is still on"
    release.set()
    t.join(10)
    assert gc.isenabled()


def test_a_checker_run_is_one_pause(collector_on: None, seeds_copy: Path, tmp_path: Path) -> None:
    settings = load_settings(config=None, store=tmp_path / "s.db", reports=tmp_path / "reports")
    rules, problems = rules_for(settings)
    app = Checker(settings, rules, problems)
    seen: list[bool] = []
    outcome = app.run([seeds_copy], progress=lambda done, total: seen.append(gc.isenabled()))
    app.close()
    assert outcome.report.summary.documents == 5 and seen
    assert not any(seen), "no cyclic collection while the documents are read and the rules evaluated"
    assert gc.isenabled()


def test_a_last_pause_leaves_what_it_made_out_of_later_collections(collector_on: None) -> None:
    """A command's one run: the first collection after it would walk every object it made, for nothing."""
    before = gc.get_freeze_count()
    try:
        with paused_gc(leave=True):
            made = [[i] for i in range(10_000)]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(made)
        assert gc.collect(0) == 0 and len(gc.get_objects(0)) < len(made)
    finally:
        gc.unfreeze()


def test_a_pause_that_is_not_the_last_freezes_nothing(collector_on: None) -> None:
    before = gc.get_freeze_count()
    with paused_gc():
        made = [[i] for i in range(1_000)]
    assert gc.get_freeze_count() == before and len(made) == 1_000


@pytest.mark.parametrize(
    ("one_run", "carry", "frozen"),
    [(False, None, [True, False]), (True, None, [True]), (False, False, [False, False])],
    ids=["service: its first run", "command: its one run", "API: nothing"],
)
def test_what_a_checker_run_leaves_frozen(
    collector_on: None,
    seeds_copy: Path,
    tmp_path: Path,
    one_run: bool,
    carry: bool | None,
    frozen: list[bool],
) -> None:
    """The first run of a Checker that carries builds what the process keeps: no later collection walks it."""
    settings = load_settings(config=None, store=tmp_path / "s.db", reports=tmp_path / "reports")
    rules, problems = rules_for(settings)
    app = Checker(settings, rules, problems, one_run=one_run, carry=carry)
    seen: list[bool] = []
    try:
        for _ in frozen:
            gc.unfreeze()
            app.run([seeds_copy])
            seen.append(gc.get_freeze_count() > 0)
    finally:
        app.close()
        gc.unfreeze()
    assert seen == frozen
