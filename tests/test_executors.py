"""The default executor: extraction here for a small run, in worker processes once a run is large."""

from __future__ import annotations

import multiprocessing.spawn

import pytest

from checker.executors import AutoExecutor, Outcome, SerialExecutor
from checker.models import Document

TEXTS = [
    "全年新增建成铁路里程{n}公里，新建公共充电桩{m}万个以上。",
    "第一轮{n}项、第二轮{m}项重点任务，完成率均在90%以上。",
    "In {n}, the city added {m} new charging stations.",
]


def _documents(count: int, start: int = 0) -> list[Document]:
    docs = []
    for i in range(start, start + count):
        text = TEXTS[i % len(TEXTS)].format(n=300 + i, m=7 + i % 5)
        docs.append(Document(path=f"d/{i:04d}.txt", text=text, sha256=Document.hash_bytes(text.encode())))
    return docs


def _alone(chunks: list[list[Document]]) -> list[Outcome]:
    serial = SerialExecutor()
    return [o for chunk in chunks for o in serial.submit(chunk)()]


def test_a_small_run_is_extracted_here_without_starting_workers() -> None:
    auto = AutoExecutor(jobs=2, after=2)
    chunks = [_documents(64), _documents(64, 64), _documents(3, 128)]
    outcomes = [o for chunk in chunks for o in auto.submit(chunk)()]
    assert auto._pool is None, "two full chunks and a partial one: no pool"
    assert outcomes == _alone(chunks)


def test_a_large_run_goes_to_worker_processes_which_are_let_go_after_the_run() -> None:
    auto = AutoExecutor(jobs=2, after=1)
    chunks = [_documents(64), _documents(64, 64), _documents(128, 128), _documents(5, 256)]
    pending = []
    pools = []
    for chunk in chunks:
        pending.append(auto.submit(chunk))
        pools.append(auto._pool is not None)
    outcomes = [o for wait in pending for o in wait()]
    assert pools == [False, True, True, True], "the pool starts with the second full chunk in a row"
    assert auto.batch > 64, "the sync then gathers enough for every worker"
    assert outcomes == _alone(chunks)
    assert len([o for o in outcomes if not isinstance(o, str) and o.claims]) == 261
    auto.rest()
    assert auto._pool is None and auto.batch == 64
    assert [o for o in auto.submit(_documents(2))()] == _alone([_documents(2)]), "a small run again: here"
    assert auto._pool is None


def test_workers_that_cannot_start_leave_the_run_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    exe = multiprocessing.spawn.get_executable()
    bad = b"/nonexistent/python3" if isinstance(exe, bytes) else "/nonexistent/python3"
    monkeypatch.setattr(multiprocessing.spawn, "_python_exe", bad)
    auto = AutoExecutor(jobs=2, after=0)
    chunk = _documents(64)
    assert auto.submit(chunk)() == _alone([chunk])
    assert auto._pool is None and auto.jobs == 1, "no second try at starting workers"
