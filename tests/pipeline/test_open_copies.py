"""A checker of many runs hands an open finding that did not change to the next report as the same object.

Open findings are copies of what the rules found (tracking sets each run's status on them); the next run
takes the last run's copy again, so what is made of the report (latest.json's pieces, the documents'
pages) knows it by identity.  What a copy says must still be what a new copy would say: the status and the
acceptance of this run, never the last run's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from two_facts import PIERS, RAIL, two_facts

from checker.app import Checker
from checker.baseline import Baseline
from checker.config import load_settings
from checker.models import Finding, Report
from checker.selection import rules_for


def _open(report: Report) -> dict[str, Finding]:
    return {f.fingerprint: f for f in report.findings if not f.passed}


def _fresh(tmp_path: Path, n: int) -> Report:
    settings = load_settings(store=tmp_path / f"fresh{n}.db", reports=None)
    app = Checker(settings, *rules_for(settings), carry=False)
    try:
        return app.run([Path("corpus")], write=False).report
    finally:
        app.close()


def test_an_unchanged_open_finding_is_the_same_copy_and_says_this_runs_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    corpus = two_facts(tmp_path, [RAIL.format(660), RAIL.format(680), PIERS.format(70), PIERS.format(90)])
    settings = load_settings(store=tmp_path / "kept.db", reports=None)
    app = Checker(settings, *rules_for(settings), carry=True)
    try:
        first = _open(app.run([Path("corpus")], write=False).report)
        assert len(first) == 2 and {f.status for f in first.values()} == {"new"}
        (corpus / "r9.txt").write_text("南山新城新建学校3所。\n", encoding="utf-8")  # another fact
        second = _open(app.run([Path("corpus")], write=False).report)
        assert all(second[fp] is f for fp, f in first.items()), "the same copies, taken again"
        assert {f.status for f in second.values()} == {"persisting"}

        rail = next(fp for fp, f in second.items() if "铁路" in f.message)
        baseline = Baseline(corpus / "checker-baseline.yml")
        baseline.accept(second[rail], "the desk checked both figures")
        baseline.save()
        third = _open(app.run([Path("corpus")], write=False).report)
        assert (third[rail].status, third[rail].accepted_reason) == (
            "accepted",
            "the desk checked both figures",
        )

        (corpus / "checker-baseline.yml").unlink()
        fourth = app.run([Path("corpus")], write=False).report
        kept = _open(fourth)
        assert kept[rail] is second[rail]
        assert (kept[rail].status, kept[rail].accepted_reason) == ("new", None), "no reason left from before"
        fresh = _fresh(tmp_path, 4)
        assert [f.model_dump(exclude={"status"}) for f in fourth.findings] == [
            f.model_dump(exclude={"status"}) for f in fresh.findings
        ]
    finally:
        app.close()
