"""Fixtures for the watch-service tests (helpers live in servicekit.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from loguru import logger
from servicekit import FakeClock, WatchProcess


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def logs() -> Iterator[list[str]]:
    """Every loguru message logged during the test, formatted as `LEVEL message`."""
    messages: list[str] = []
    sink = logger.add(lambda m: messages.append(m.rstrip("\n")), format="{level} {message}", level="DEBUG")
    yield messages
    logger.remove(sink)


@pytest.fixture
def watch(tmp_path: Path) -> Iterator[Callable[..., WatchProcess]]:
    """Start `checker watch corpus` (or other args) in tmp_path; everything started is killed at the end."""
    started: list[WatchProcess] = []

    def start(*args: str, env: dict[str, str] | None = None, ready: bool = True) -> WatchProcess:
        name = f"watch{len(started)}"
        proc = WatchProcess(tmp_path, list(args) or ["corpus"], env or {}, name)
        started.append(proc)
        if ready:
            proc.wait_ready()
        return proc

    yield start
    for proc in started:
        proc.kill()
