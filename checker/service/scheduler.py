"""The safety net: a periodic full reconcile of disk against store on apscheduler.

Events can be lost (the kernel's inotify queue overflows, a network share
drops notifications, the service was down), so a job compares every file with
the store now and then.  It runs once at start-up (changes made while the
service was down), then every `minutes`.  Coalesce on and one instance at a
time: a reconcile that falls behind is run once, not once per missed period.
The job itself goes through the Runner, so it never overlaps an event run.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler

from checker.lazylog import logger

JOB_ID = "reconcile"


class Reconciler:
    """A BackgroundScheduler with the one reconcile job."""

    def __init__(self, job: Callable[[], object], minutes: float) -> None:
        self.job = job
        self.minutes = minutes
        period = minutes * 60
        self._scheduler = BackgroundScheduler(
            timezone=UTC,
            executors={"default": ThreadPoolExecutor(1)},
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                # A suspended laptop or a long run must not cost a reconcile: late is still useful.
                "misfire_grace_time": max(60, int(period)),
            },
        )

    def start(self, *, at_once: bool = True) -> None:
        """Start the scheduler thread with the job (first run now when `at_once`)."""
        first = datetime.now(UTC) if at_once else None
        extra = {"next_run_time": first} if first is not None else {}
        self._scheduler.start()
        self._scheduler.add_job(
            self.job,
            "interval",
            minutes=self.minutes,
            id=JOB_ID,
            name="reconcile disk against store",
            **extra,
        )

    def request(self) -> None:
        """Reconcile as soon as possible (e.g. the kernel dropped events)."""
        try:
            self._scheduler.modify_job(JOB_ID, next_run_time=datetime.now(UTC))
        except Exception as exc:  # shutting down or not started: the next start-up reconciles anyway
            logger.debug("reconcile request ignored: {}", exc)

    def shutdown(self) -> None:
        """Stop scheduling; wait for a reconcile in progress to finish."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)


class _OverflowHook(logging.Handler):
    """Watchdog only logs a queue overflow; this turns that log record into a reconcile request."""

    def __init__(self, on_overflow: Callable[[], None]) -> None:
        super().__init__(level=logging.WARNING)
        self.on_overflow = on_overflow

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            self.on_overflow()


def reconcile_on_overflow(on_overflow: Callable[[], None]) -> Callable[[], None]:
    """Call `on_overflow` when watchdog reports lost events; returns a function that unhooks it."""
    hook = _OverflowHook(on_overflow)
    target = logging.getLogger("watchdog")
    target.addHandler(hook)
    return lambda: target.removeHandler(hook)
