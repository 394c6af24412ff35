"""`checker watch`: lock, observer, scheduler and loop, started in order and stopped in reverse.

Order matters.  The lock comes first so a second service never touches the
store.  The observer starts before the start-up reconcile so nothing changed
during that reconcile is missed (its events are queued and run after it).  On
SIGINT/SIGTERM the loop ends after its current run, the scheduler waits for a
reconcile in progress, and only then is the store closed and the lock dropped.
"""

from __future__ import annotations

import errno
import os
import signal
from collections.abc import Sequence
from pathlib import Path
from types import FrameType
from typing import Any

from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from checker.app import Checker
from checker.config import Settings
from checker.lazylog import logger
from checker.report.writer import RENDERERS
from checker.service.debounce import Coalescer
from checker.service.events import WATCHED_EVENTS, HintFilter, HintHandler, Root, with_editor_temporaries
from checker.service.lease import RootLease
from checker.service.lock import ServiceError, ServiceLock
from checker.service.loop import BatchLoop
from checker.service.runner import RuleLoader, Runner
from checker.service.scheduler import Reconciler, reconcile_on_overflow
from checker.sources.names import display_path
from checker.store import redact

# How often --polling re-lists the folders; a network share should not be stat'ed much more often.
POLL_SECONDS = 1.0


def settle_interval(window: float) -> float:
    """How long a freshly written file must stay unchanged before it is read."""
    return min(max(window / 2, 0.05), 0.5)


def _watch_targets(roots: Sequence[Root], rule_paths: Sequence[Path]) -> dict[Path, bool]:
    """Folder → recursive?  Rule folders outside the roots are watched as well."""
    targets: dict[Path, bool] = {}
    for root in roots:
        targets[root.folder] = targets.get(root.folder, False) or not root.is_file
    recursive = [f for f, deep in targets.items() if deep]
    for rule in (p.resolve() for p in rule_paths):
        if any(rule == f or rule.is_relative_to(f) for f in recursive):
            continue
        if rule.is_dir():
            targets[rule] = True
        elif rule.is_file():
            targets.setdefault(rule.parent, False)
        # A rule path that does not exist yet is picked up by the reconcile's rule check.
    return targets


def _warn_reports_inside(roots: Sequence[Root], reports: Path) -> None:
    """Warn when the reports folder lies inside a watched folder (a reconcile would read its reports)."""
    for root in roots:
        if reports.resolve().is_relative_to(root.real):
            logger.warning(
                "the reports folder {} is inside the watched folder {}; watch ignores it, but a "
                "reconcile reads its .md files as reports: use --reports to put it elsewhere",
                reports,
                root.given,
            )


class Watcher:
    """One running watch service over some roots."""

    def __init__(
        self, settings: Settings, roots: Sequence[Path], load_rules: RuleLoader | None = None
    ) -> None:
        self.settings = settings.model_copy(update={"exclude": with_editor_temporaries(settings.exclude)})
        self.roots = [Root.of(p) for p in roots]
        self.load_rules = load_rules
        # One service per SQLite file (an flock); one watcher per folder on a shared PostgreSQL store.
        self.lock: ServiceLock | RootLease = (
            ServiceLock(settings.store)
            if isinstance(settings.store, Path)
            else RootLease(settings.store, settings.lease_seconds, on_lost=self.stop)
        )
        self._cleanup: list[Any] = []
        self.loop: BatchLoop | None = None

    def start(self) -> None:
        """Take the lock, open the store, start watching and schedule the reconcile."""
        s = self.settings
        # Named as stored documents are, so two watchers' leases compare as their documents do.
        self.lock.acquire([display_path(r.given) for r in self.roots])
        self._cleanup.append(self.lock.release)
        rules, errors = self.load_rules(s) if self.load_rules else ([], [])
        for message in errors:
            logger.error("{}", message)
        app = Checker(s, rules, errors)
        self._cleanup.append(app.close)
        runner = Runner(app, [r.given for r in self.roots], self.load_rules)
        window = s.debounce_ms / 1000
        queue = Coalescer(window)
        self.loop = BatchLoop(queue, runner, settle_interval(window))

        _warn_reports_inside(self.roots, s.reports)
        self._observe(queue)

        logger.info(
            "watching {} ({}), debounce {} ms, reconcile every {:g} min; store {}, reports {}; pid {}",
            ", ".join(r.given.as_posix() for r in self.roots),
            "polling" if s.polling else "kernel events",
            s.debounce_ms,
            s.reconcile_minutes,
            redact(str(s.store)),
            s.reports,
            os.getpid(),
        )
        reconciler = Reconciler(runner.reconcile, s.reconcile_minutes)
        self._cleanup.append(reconciler.shutdown)
        self._cleanup.append(reconcile_on_overflow(reconciler.request))
        reconciler.start(at_once=True)

    def _observe(self, queue: Coalescer) -> None:
        """Start the observer over the roots and rule folders; its hints go to `queue`."""
        s = self.settings
        hints = HintFilter(
            self.roots,
            include=s.include,
            exclude=s.exclude,
            rule_paths=s.rules,
            # Only our own files: the reports folder may well be the corpus folder itself.
            ignore_under=[
                s.reports / "runs",
                s.reports / "docs",
                *(s.reports / f"latest.{ext}" for ext in RENDERERS),
            ],
        )
        observer = PollingObserver(timeout=POLL_SECONDS) if s.polling else Observer()
        handler = HintHandler(hints, queue)
        for folder, recursive in _watch_targets(self.roots, s.rules).items():
            try:
                observer.schedule(handler, str(folder), recursive=recursive, event_filter=WATCHED_EVENTS)
            except OSError as exc:
                hint = (
                    "raise fs.inotify.max_user_watches / max_user_instances (sysctl) or use --polling"
                    if exc.errno in (errno.ENOSPC, errno.EMFILE)
                    else "check the path and its permissions, or use --polling"
                )
                raise ServiceError(f"cannot watch {folder}: {exc.strerror or exc}; {hint}") from exc
        observer.start()

        def stop_observer() -> None:
            observer.stop()
            observer.join(timeout=10)

        self._cleanup.append(stop_observer)

    def serve(self) -> None:
        """Process changes until `stop` (or a signal) ends the loop."""
        if self.loop is not None:
            self.loop.serve()

    def stop(self) -> None:
        """End the loop after its current run; safe from a signal handler."""
        if self.loop is not None:
            self.loop.stop()

    def close(self) -> None:
        """Stop watching, wait for a reconcile in progress, close the store, drop the lock."""
        while self._cleanup:
            step = self._cleanup.pop()
            try:
                step()
            except Exception:
                logger.exception("error while shutting down; continuing")


def run_service(settings: Settings, roots: Sequence[Path], load_rules: RuleLoader | None = None) -> None:
    """Run `checker watch` in this (main) thread until SIGINT or SIGTERM."""
    watcher = Watcher(settings, roots, load_rules)
    stopping: list[int] = []

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        # No logging here: loguru is not re-entrant, and the signal may land inside a log call.
        stopping.append(signum)
        watcher.stop()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    started = False
    try:
        watcher.start()
        started = True
        if not stopping:
            watcher.serve()
    finally:
        if stopping:
            logger.info("{} received: stopping after the current run", signal.Signals(stopping[0]).name)
        watcher.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if started:
            logger.info("stopped")
        # The file sink writes from a queue; let it drain before the process exits.
        logger.complete()
