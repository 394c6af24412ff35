"""The single-instance lock, `status` without a service, and the reconcile scheduler."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from servicekit import wait_until

from checker.service.lock import ServiceError, ServiceLock, holder, lock_path
from checker.service.scheduler import JOB_ID, Reconciler, reconcile_on_overflow
from checker.service.status import collect


def test_the_lock_refuses_a_second_holder_and_names_the_first(tmp_path: Path) -> None:
    store = tmp_path / "state" / "checker.db"
    with ServiceLock(store) as first:
        first.acquire(["corpus"])
        assert lock_path(store).is_file()
        with pytest.raises(ServiceError, match=rf"pid {os.getpid()}, started .*already using the store"):
            ServiceLock(store).acquire(["corpus"])
        found = holder(store)
        assert found.running and found.pid == os.getpid() and found.roots == ("corpus",)
    after = holder(store)
    assert not after.running and after.pid == os.getpid()


def test_kill_9_releases_the_lock(tmp_path: Path) -> None:
    store = tmp_path / "checker.db"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from checker.service.lock import ServiceLock\n"
        f"lock = ServiceLock(Path({str(store)!r}))\n"
        "lock.acquire(['corpus'])\n"
        "print('locked', flush=True)\n"
        "time.sleep(600)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        assert holder(store).running and holder(store).pid == child.pid
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        lock = ServiceLock(store)
        lock.acquire(["corpus"])  # no stale-lock dance: the OS dropped it
        lock.release()
    finally:
        child.kill()
        child.wait(timeout=30)


def test_status_of_a_missing_store_creates_nothing(tmp_path: Path) -> None:
    status = collect(tmp_path / "none" / "checker.db")
    assert not status.exists and status.last is None and not status.service.running
    assert status.counts()["documents"] == 0
    assert not (tmp_path / "none").exists()


def test_the_reconcile_runs_at_start_and_on_request() -> None:
    ran = threading.Semaphore(0)
    reconciler = Reconciler(ran.release, minutes=60)
    reconciler.start(at_once=True)
    try:
        assert ran.acquire(timeout=10), "the start-up reconcile did not run"
        job = reconciler._scheduler.get_job(JOB_ID)
        assert job.coalesce is True and job.max_instances == 1 and job.misfire_grace_time >= 60
        reconciler.request()
        assert ran.acquire(timeout=10), "the requested reconcile did not run"
    finally:
        reconciler.shutdown()
    reconciler.request()  # after shutdown: ignored, not an error


def test_shutdown_waits_for_a_reconcile_in_progress() -> None:
    started, finished = threading.Event(), threading.Event()

    def slow() -> None:
        started.set()
        finished.wait(0.3)
        finished.set()

    reconciler = Reconciler(slow, minutes=60)
    reconciler.start()
    wait_until(started.is_set, 10, "the reconcile to start")
    reconciler.shutdown()
    assert finished.is_set()


def test_a_watchdog_queue_overflow_asks_for_a_reconcile() -> None:
    calls: list[int] = []
    unhook = reconcile_on_overflow(lambda: calls.append(1))
    try:
        logging.getLogger("watchdog.observers.inotify_c").warning(
            "Inotify queue overflowed; filesystem events were lost"
        )
        logging.getLogger("watchdog.observers.inotify_c").warning("something else")
    finally:
        unhook()
    logging.getLogger("watchdog.observers.inotify_c").warning("Inotify queue overflowed")
    assert calls == [1]
