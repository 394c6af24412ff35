"""The coalescing queue, driven by a fake clock: no sleeping, no threads."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from servicekit import FakeClock

from checker.service.debounce import Batch, Coalescer


def paths(*names: str) -> set[Path]:
    return {Path(n) for n in names}


def test_nothing_pending_is_never_ready(clock: FakeClock) -> None:
    q = Coalescer(0.1, clock=clock)
    assert q.ready_at() is None
    assert q.take() is None
    q.add([])
    assert q.ready_at() is None


def test_a_change_is_ready_one_window_after_it_arrived(clock: FakeClock) -> None:
    q = Coalescer(0.25, clock=clock)
    q.add(paths("a.txt"))
    clock.advance(0.125)
    assert q.take() is None
    clock.advance(0.125)
    assert q.take() == Batch(paths("a.txt"))
    assert q.take() is None


def test_changes_within_the_window_become_one_batch(clock: FakeClock) -> None:
    q = Coalescer(0.25, clock=clock)
    for name in ("a.txt", "b.txt", "a.txt", "c.txt"):
        q.add(paths(name))
        clock.advance(0.125)
    assert q.take() is None  # 0.125 s since the last one
    clock.advance(0.125)
    assert q.take() == Batch(paths("a.txt", "b.txt", "c.txt"))


def test_a_burst_of_thousands_is_one_batch(clock: FakeClock) -> None:
    q = Coalescer(0.3, clock=clock)
    for n in range(10_000):
        q.add([Path(f"{n}.txt")])
        if n % 100 == 0:
            clock.advance(0.001)
    assert q.pending() == 10_000
    clock.advance(0.3)
    batch = q.take()
    assert batch is not None and len(batch.paths) == 10_000
    assert q.pending() == 0


def test_a_steady_trickle_is_still_reported_after_max_wait(clock: FakeClock) -> None:
    q = Coalescer(0.1, max_wait=1.0, clock=clock)
    batches = []
    for n in range(100):  # an event every 50 ms for 5 s: the window alone would never close
        q.add([Path(f"{n}.txt")])
        clock.advance(0.05)
        if (batch := q.take()) is not None:
            batches.append(batch)
    assert 4 <= len(batches) <= 6
    assert all(len(b.paths) <= 21 for b in batches)


def test_default_max_wait_is_ten_windows_but_at_least_a_second() -> None:
    assert Coalescer(0.3).max_wait == pytest.approx(3.0)
    assert Coalescer(0.01).max_wait == pytest.approx(1.0)


def test_a_rule_change_rides_along_or_makes_its_own_batch(clock: FakeClock) -> None:
    q = Coalescer(0.1, clock=clock)
    q.add(rules=True)
    clock.advance(0.1)
    assert q.take() == Batch(set(), rules=True)
    q.add(paths("a.txt"))
    q.add(rules=True)
    clock.advance(0.1)
    assert q.take() == Batch(paths("a.txt"), rules=True)


def test_get_returns_a_ready_batch_without_waiting(clock: FakeClock) -> None:
    q = Coalescer(0.1, clock=clock)
    q.add(paths("a.txt"))
    clock.advance(1)
    assert q.get(timeout=0) == Batch(paths("a.txt"))
    assert q.get(timeout=0) is None


def test_close_releases_a_blocked_get() -> None:
    q = Coalescer(0.1)
    got: list[Batch | None] = []
    waiter = threading.Thread(target=lambda: got.append(q.get()))
    waiter.start()
    q.close()
    waiter.join(timeout=5)
    assert not waiter.is_alive()
    assert got == [None]


def test_window_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Coalescer(0)
