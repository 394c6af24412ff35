"""A new process tracks the last run's findings from their fingerprints and statuses; it reads whole only those gone."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path

import pytest
from two_facts import PIERS, RAIL, two_facts

from checker.app import Checker
from checker.config import load_settings
from checker.models import Finding, Report
from checker.selection import rules_for


def _run(tmp_path: Path, asked: list[Collection[str] | None]) -> Report:
    """A run as a new process makes it, noting what it asks the store for of the last run's findings."""
    settings = load_settings(store=tmp_path / "state.db", reports=tmp_path / "reports")
    app = Checker(settings, *rules_for(settings), carry=False)
    real = app.store.findings

    def findings(run_id: int, only: Collection[str] | None = None) -> list[Finding]:
        asked.append(only)
        return real(run_id, only)

    app.store.findings = findings  # type: ignore[method-assign]
    try:
        return app.run([Path("corpus")]).report
    finally:
        app.close()


def _open(report: Report) -> dict[str, str]:
    return {f.fingerprint: f.status for f in report.findings if not f.passed}


def test_gone_findings_are_read_whole_and_the_rest_tracked_by_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = two_facts(
        tmp_path, [RAIL.format(660), RAIL.format(680), RAIL.format(660), PIERS.format(70), PIERS.format(90)]
    )
    asked: list[Collection[str] | None] = []
    first = _run(tmp_path, asked)
    assert asked == [] and len(_open(first)) == 2, "the rail figure and the piers' figure disagree"
    assert set(_open(first).values()) == {"new"}

    (corpus / "r1.txt").unlink()  # the report that gave the rail figure apart is gone
    second = _run(tmp_path, asked)
    (gone,) = [f for f in first.findings if not f.passed and f.fingerprint not in _open(second)]
    assert asked == [{gone.fingerprint}], "only the finding now gone is read whole"
    assert second.resolved == [gone]  # whole: its quotes and message as the first run reported them
    assert list(_open(second).values()) == ["persisting"]
