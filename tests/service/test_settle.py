"""The settle check: a file still being written waits; everything else goes straight through."""

from __future__ import annotations

import os
from pathlib import Path

from checker.service.settle import split_settled


def test_files_older_than_the_interval_are_not_looked_at_twice(tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_text("x", encoding="utf-8")
    os.utime(old, (1_000, 1_000))
    slept: list[float] = []
    settled, changing = split_settled([old], 0.2, wall=lambda: 2_000.0, sleep=slept.append)
    assert settled == [old] and changing == []
    assert slept == []


def test_a_fresh_file_that_keeps_growing_is_handed_back(tmp_path: Path) -> None:
    growing, done = tmp_path / "growing.txt", tmp_path / "done.txt"
    growing.write_text("part", encoding="utf-8")
    done.write_text("all", encoding="utf-8")
    now = growing.stat().st_mtime

    def copy_more(_seconds: float) -> None:
        with growing.open("a", encoding="utf-8") as fh:
            fh.write(" more")

    settled, changing = split_settled([growing, done], 0.2, wall=lambda: now, sleep=copy_more)
    assert settled == [done]
    assert changing == [growing]


def test_a_fresh_file_that_stays_put_is_settled_after_one_look(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    slept: list[float] = []
    settled, _ = split_settled([f], 0.2, wall=lambda: f.stat().st_mtime, sleep=slept.append)
    assert settled == [f]
    assert slept == [0.2]  # one sleep for the whole batch


def test_gone_files_and_folders_are_left_to_the_run(tmp_path: Path) -> None:
    folder = tmp_path / "sub"
    folder.mkdir()
    settled, changing = split_settled([tmp_path / "gone.txt", folder], 0.2, sleep=lambda _s: None)
    assert settled == [tmp_path / "gone.txt", folder] and changing == []


def test_a_file_deleted_during_the_look_is_settled(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    settled, changing = split_settled([f], 0.2, wall=lambda: f.stat().st_mtime, sleep=lambda _s: f.unlink())
    assert settled == [f] and changing == []


def test_interval_zero_turns_the_check_off(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x", encoding="utf-8")
    settled, _ = split_settled([f], 0, sleep=lambda _s: (_ for _ in ()).throw(AssertionError("slept")))
    assert settled == [f]
