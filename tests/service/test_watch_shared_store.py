"""Issue 12's acceptance 3: three watchers on one PostgreSQL store, each on its own folder.

Overlapping bursts of 500 files per folder; one watcher is killed with SIGKILL
in the middle of its burst and started again.  The store must end up equal to
a fresh check of the union of the folders: nothing lost, nothing twice.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from servicekit import wait_until

from checker.models import Document
from checker.store import open_store
from tests.conftest import run_checker
from tests.pgserver import PgServer

BURST = 500
DESKS = ["desk0", "desk1", "desk2"]
SUBJECTS = ["新增建成铁路里程", "新建公共充电桩", "签约合作项目", "发布重点任务"]
UNITS = ["公里", "万个以上", "个", "项"]

pytestmark = pytest.mark.slow


def _text(rng: random.Random, desk: str, i: int) -> str:
    k = rng.randrange(len(SUBJECTS))
    return (
        f"{desk}第{i}号报道：{SUBJECTS[k]}{rng.randint(3, 900)}{UNITS[k]}，同比增长{rng.randint(1, 40)}%。\n"
    )


def _watch(home: Path, desk: str, url: str) -> subprocess.Popen[bytes]:
    with (home / f"{desk}.stderr").open("ab") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "checker", "watch", desk, "--store", url, "--reports", f"reports-{desk}",
             "--debounce-ms", "100", "--log-file", f"{desk}.log"],
            cwd=home, stdout=subprocess.DEVNULL, stderr=err,
            env={**os.environ, "NO_COLOR": "1", "CHECKER_LEASE_SECONDS": "10"},
        )  # fmt: skip


def _reconciled(url: str, desk: str, after: int = 0) -> bool:
    store = open_store(url)
    try:
        last = store.last_run([desk])
    finally:
        store.close()
    return last is not None and last.id > after


def _on_disk(home: Path) -> dict[str, str]:
    return {
        f"{desk}/{p.name}": Document.hash_bytes(p.read_bytes())
        for desk in DESKS
        for p in (home / desk).glob("*.txt")
    }


def _stored(url: str) -> dict[str, str | None]:
    store = open_store(url)
    try:
        return {path: d.sha256 for path, d in store.documents().items()}
    finally:
        store.close()


def _burst(home: Path, desk: str, halfway: threading.Event | None) -> None:
    rng = random.Random(desk)
    for i in range(BURST):
        path = home / desk / f"r{i:03}.txt"
        path.write_text(_text(rng, desk, i), encoding="utf-8")
        if i % 25 == 0:
            time.sleep(0.05)  # a burst over a few seconds, overlapping the other desks'
        if halfway is not None and i == BURST // 2:
            halfway.set()


def test_three_watchers_share_a_store_and_survive_a_kill(tmp_path: Path, pg_server: PgServer) -> None:
    url = pg_server.new_database()
    for desk in DESKS:
        (tmp_path / desk).mkdir()
    procs = {desk: _watch(tmp_path, desk, url) for desk in DESKS}
    try:
        for desk in DESKS:
            wait_until(lambda d=desk: _reconciled(url, d), 60, f"{desk}'s start-up reconcile")  # type: ignore[misc]
        halfway = threading.Event()
        writers = [
            threading.Thread(target=_burst, args=(tmp_path, d, halfway if d == "desk1" else None))
            for d in DESKS
        ]
        for w in writers:
            w.start()
        assert halfway.wait(60)
        procs["desk1"].send_signal(signal.SIGKILL)
        procs["desk1"].wait(10)
        procs["desk1"] = _watch(tmp_path, "desk1", url)  # at once: a dead holder's lease on this host is free
        for w in writers:
            w.join()
        expected = _on_disk(tmp_path)
        assert len(expected) == 3 * BURST
        wait_until(lambda: _stored(url) == expected, 180, "the store to hold every file as it is on disk")
        status = json.loads(run_checker("status", "--store", url, "--format", "json", cwd=tmp_path).stdout)
        assert sorted(w["root"] for w in status["watchers"] if w["live"]) == DESKS
        assert procs["desk1"].pid in {w["pid"] for w in status["watchers"]}
    finally:
        for proc in procs.values():
            proc.send_signal(signal.SIGTERM)
        for proc in procs.values():
            proc.wait(30)
    for desk in DESKS:
        assert "Traceback" not in (tmp_path / f"{desk}.stderr").read_text(errors="replace")

    fresh = run_checker("check", *DESKS, "--store", "fresh.db", "--no-reports", cwd=tmp_path, timeout=300)
    assert fresh.code in (0, 1), fresh.stderr
    shared, alone = open_store(url), open_store(tmp_path / "fresh.db")
    try:
        assert {p: (d.sha256, d.claims) for p, d in shared.documents().items()} == {
            p: (d.sha256, d.claims) for p, d in alone.documents().items()
        }
        shared_claims, alone_claims = shared.claims(), alone.claims()
        assert len(shared_claims) >= 3 * BURST
        assert shared_claims == alone_claims
        assert shared.relations() == alone.relations()
    finally:
        shared.close()
        alone.close()
    assert (
        json.loads(run_checker("status", "--store", url, "--format", "json", cwd=tmp_path).stdout)["watchers"]
        == []
    )
