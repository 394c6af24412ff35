"""The service's runs: one at a time against the store, and never the end of the service.

Event batches (from the watch loop) and reconciles (from the scheduler's
thread) both come through here; a lock serialises them.  A failed run is
logged and the service keeps going: the next batch or reconcile retries.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

from checker.app import Checker, RunOutcome
from checker.config import Settings
from checker.errors import CheckerError
from checker.lazylog import logger
from checker.rules.base import Rule
from checker.service.notify import Notifier
from checker.sources.discover import discover, is_excluded
from checker.sources.names import display_path
from checker.store import StoredDocument
from checker.sync import fresh

RuleLoader = Callable[[Settings], tuple[list[Rule], list[str]]]
RuleSignature = tuple[tuple[str, int, int], ...]


def rule_signature(paths: Iterable[Path]) -> RuleSignature:
    """Name, size and mtime of every rule file: cheap to take, changes whenever a rule file does."""
    found: list[tuple[str, int, int]] = []
    for root in paths:
        files = [root] if root.is_file() else []
        if root.is_dir():
            for folder, dirs, names in os.walk(root):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                files += [Path(folder) / n for n in names if not is_excluded(n, (".*", "*~", "*.swp"))]
        for f in files:
            try:
                st = f.stat()
            except OSError:
                continue
            found.append((f.as_posix(), st.st_size, st.st_mtime_ns))
    return tuple(sorted(found))


def _unchanged(stored: StoredDocument | None, path: Path) -> bool:
    """The same test sync makes before reading (size, mtime, extractor, metadata files)."""
    try:
        return fresh(stored, path)
    except OSError:
        return False


class Runner:
    """Runs the checker for the service: serialised, logged, and never raising."""

    def __init__(self, app: Checker, roots: Sequence[Path], load_rules: RuleLoader | None = None) -> None:
        self.app = app
        self.roots = list(roots)
        self._load_rules = load_rules
        self._lock = threading.Lock()
        self._rules_seen = rule_signature(app.settings.rules)
        self.runs = 0
        self.failures = 0
        settings = app.settings
        self.notifier = Notifier(
            settings.notify_url, settings.notify_command, settings.notify_timeout, settings.notify_retries
        )

    def changed(self, hints: Collection[Path], *, rules: bool = False) -> RunOutcome | None:
        """An incremental run over what the hints name; None when there was nothing to do."""
        with self._lock:
            if rules:
                self._reload_rules()
            only, gone = self._expand(hints)
            for path in gone:
                logger.info("{}: gone before it could be read (deleted or renamed); nothing to do", path)
            if not only and not rules:
                return None
            return self._run("watch", only)

    def reconcile(self) -> RunOutcome | None:
        """A full run: every file under the roots against the store (the safety net)."""
        with self._lock:
            if rule_signature(self.app.settings.rules) != self._rules_seen:
                self._reload_rules()
            return self._run("reconcile", None)

    def _reload_rules(self) -> None:
        if self._load_rules is None:
            return
        self._rules_seen = rule_signature(self.app.settings.rules)
        try:
            rules, errors = self._load_rules(self.app.settings)
        except Exception:
            logger.exception(
                "reloading the rules failed; still using the {} rules loaded before", len(self.app.rules)
            )
            return
        for message in errors:
            logger.error("{}", message)
        self.app.rules, self.app.rule_errors = rules, errors
        logger.info("rules reloaded: {} rules in use, {} rule errors", len(rules), len(errors))

    def _expand(self, hints: Collection[Path]) -> tuple[list[Path], list[Path]]:
        """Files to sync for these hints (folders expanded, unchanged files dropped) and hints of nothing."""
        settings = self.app.settings
        known = self.app.store.documents()
        only: dict[str, Path] = {}
        gone: list[Path] = []
        for hint in sorted(hints):
            name = display_path(hint)
            if hint.is_file() or name in known:
                only[name] = hint
                continue
            # A folder that appeared, vanished or moved: what is under it on disk and in the store.
            under = [Path(k) for k in known if k.startswith(name + "/")]
            if hint.is_dir():
                found = discover(
                    [hint],
                    settings.include,
                    settings.exclude,
                    roots=self.roots,
                    outside_links=settings.follow_outside_links,
                )
                only.update((display_path(p), p) for p in found)
                # Stored names of files still there (a name shown with escapes) are not gone.
                only.update((p.as_posix(), p) for p in under if p.as_posix() not in only and not p.exists())
            elif under:
                only.update((p.as_posix(), p) for p in under)
            else:
                gone.append(hint)
        # Our own reads and late "closed" events name files the store already has as they are.
        fresh = [p for n, p in only.items() if not _unchanged(known.get(n), p)]
        return fresh, gone

    def _run(self, trigger: str, only: list[Path] | None) -> RunOutcome | None:
        started = time.monotonic()
        try:
            outcome = self.app.run(self.roots, trigger=trigger, only=only)
        except CheckerError as exc:
            self.failures += 1
            logger.error("{} run failed: {}; the service keeps going and the next run retries", trigger, exc)
            return None
        except Exception:
            self.failures += 1
            logger.exception("{} run failed; the service keeps going and the next run retries", trigger)
            return None
        self.runs += 1
        self.notifier.notify(outcome.report)  # in the background: never holds up the next run
        sync, s = outcome.sync, outcome.report.summary
        for name in sync.removed:
            logger.info("{}: deleted; its claims are retracted", name)
        for old, new in sync.renamed.items():
            logger.info("{}: moved to {}; its claims and findings go with it", old, new)
        for note in sync.skipped:
            logger.warning("{}: {}", note.path, note.message)
        logger.info(
            "run {} ({}): {} read, {} extracted, {} removed, {} unreadable; "
            "{} documents, {} claims, {} open findings ({} new, {} resolved) in {:.2f}s",
            outcome.report.run.id,
            trigger,
            len(sync.extracted) + len(sync.unchanged),
            len(sync.extracted),
            len(sync.removed),
            len(sync.errors),
            s.documents,
            s.claims,
            s.errors + s.warnings + s.infos,
            s.new,
            s.resolved,
            time.monotonic() - started,
        )
        return outcome
