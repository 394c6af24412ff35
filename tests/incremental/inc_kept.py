"""One checker kept across runs, as `checker watch` keeps one: whatever it remembers between runs is used.

`checker.check()` opens a new checker per call (as the command line does); the watch service keeps one
open and reloads the rules when a rule file changes. Both paths must give what a fresh check gives.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from checker.app import Checker
from checker.config import load_settings
from checker.models import Report
from checker.selection import rules_for

ROOT = Path(__file__).resolve().parents[2]


def _signature(rules: Path) -> str:
    digest = hashlib.sha256()
    for f in sorted(p for p in rules.rglob("*") if p.is_file()):
        digest.update(f.as_posix().encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()


class KeptChecker:
    """`run()` checks `corpus` (relative to the working folder) with the same Checker every time."""

    def __init__(self, store: Path, rules: Path) -> None:
        self.rules = rules
        settings = load_settings(store=store, reports=store.parent / "kept-app-reports", rules=[rules])
        self.seen = _signature(rules)
        self.app = Checker(settings, *rules_for(settings))

    def run(self) -> dict[str, Any]:
        if (now := _signature(self.rules)) != self.seen:
            # As the watch service does on a rule file's change: the same checker, new rules.
            self.seen = now
            self.app.rules, self.app.rule_errors = (list(x) for x in rules_for(self.app.settings))
        outcome = self.app.run([Path("corpus")])
        data: dict[str, Any] = outcome.report.model_dump(mode="json")
        # The JSON it wrote is pieced from what the checker kept of its last runs (models/reportjson.py):
        # it must be this run's report, whatever the changes made since.
        written = json.loads(outcome.written["json"].read_text(encoding="utf-8"))
        assert written == data, "latest.json is not the run's report"
        return data

    def close(self) -> None:
        self.app.close()


def checker_of(tmp_path: Path, name: str, *, carry: bool) -> Checker:
    """A Checker over the repository's rules, with its store and reports under `tmp_path` named `name`.

    `carry`: as the watch service keeps one (what a run made is reused by the next); else as a command.
    """
    settings = load_settings(store=tmp_path / f"{name}.db", reports=tmp_path / name, rules=[ROOT / "rules"])
    return Checker(settings, *rules_for(settings), one_run=not carry, carry=carry)


def findings_shape(report: Report) -> list[tuple[object, ...]]:
    """What a report's findings say and quote, in order, and the other rules' views folded into them."""
    return [
        (f.rule, f.fingerprint, f.severity, f.message, f.passed, [(c.path, c.line, c.column) for c in f.claims],
         [r.message for r in f.related])
        for f in report.findings
    ]  # fmt: skip


def fresh_shape(tmp_path: Path, folder: Path) -> list[tuple[object, ...]]:
    """`findings_shape` of a fresh check of `folder` (a new store: nothing carried)."""
    fresh = checker_of(tmp_path, "fresh", carry=False)
    try:
        return findings_shape(fresh.run([folder]).report)
    finally:
        fresh.close()
