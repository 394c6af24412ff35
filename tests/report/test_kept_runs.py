"""A checker kept across runs, as `checker watch` keeps one, writes the reports a process of one run writes.

What it keeps from run to run of its reports (latest.json's pieces, the documents' page names, the
review page's pieces) is used, and must never show: after each of a seeded series of random changes
(tests/incremental/inc_ops.py) to a corpus of real and synthetic reports, its latest.json is the report's
own JSON, its documents' pages are named as a plan made from nothing names them, and its review page is
the page rendered from nothing.  The documents' pages are on for the smallest corpus, and one of the
series shows most findings on their documents' pages in part, as the largest findings of a large corpus.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import checker.report.html as html_module
from checker.app import Checker
from checker.config import load_settings
from checker.extract.version import EXTRACTOR_VERSION
from checker.models import Report
from checker.report import docshown
from checker.report.docpages import plan_pages
from checker.report.docshown import WHOLE
from checker.report.docview import documents_index_rows, page_salt, stylesheet
from checker.report.fragments import Fragments
from checker.report.html import PageData, render_html
from checker.report.runindex import read_index
from checker.selection import rules_for
from tests.incremental.inc_corpus import build
from tests.incremental.inc_kept import _signature
from tests.incremental.inc_ops import random_changes

SYNTHETIC = 12
STEPS = 40


def _as_if_fresh(report: Report, reports: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (reports / "latest.json").read_bytes() == report.model_dump_json().encode("utf-8") + b"\n"
    index = json.loads((reports / "docs" / "pages.json").read_text(encoding="utf-8"))
    used = {page["path"]: name for name, page in index["pages"].items() if page["run"] == index["runs"][0]}
    plan = plan_pages(report, page_salt(EXTRACTOR_VERSION))
    assert {path: name for path, name in used.items() if path} == plan.names
    plan.index = f"_all.{documents_index_rows(report, plan)[1][:16]}.html"
    plan.shared.append(stylesheet()[0])
    monkeypatch.setattr(html_module, "_FRAGMENTS", Fragments())  # nothing kept from an earlier page
    page = render_html(report, PageData(runs=read_index(reports)), plan)
    assert (reports / "latest.html").read_text(encoding="utf-8") == page


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize(("seed", "whole"), [(21, WHOLE), (22, 2)])
def test_a_kept_checker_writes_what_a_fresh_one_writes_after_every_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int, whole: int
) -> None:
    monkeypatch.chdir(tmp_path)
    # Findings of more quotes than `whole` show each page only its own part: with 2, most of them do.
    monkeypatch.setattr(docshown, "WHOLE", whole)
    rng = random.Random(seed)
    corpus, rules, reports = build(tmp_path, rng, SYNTHETIC), tmp_path / "rules", tmp_path / "reports"
    settings = load_settings(
        store=tmp_path / "kept.db", reports=reports, rules=[rules], document_pages_above=0
    )
    app, seen = Checker(settings, *rules_for(settings)), _signature(rules)
    assert app.kept_json is not None and app.kept_pages is not None, "a checker of many runs keeps them"
    history: list[str] = []
    try:
        for step in range(STEPS + 1):
            if step:
                history.append(f"{step}: {random_changes(corpus, rules, rng)}")
            if (now := _signature(rules)) != seen:  # as the watch service reloads changed rules
                seen = now
                app.rules, app.rule_errors = (list(x) for x in rules_for(settings))
            report = app.run([Path("corpus")], trigger="watch").report
            with monkeypatch.context() as scope:
                try:
                    _as_if_fresh(report, reports, scope)
                except AssertionError as exc:
                    raise AssertionError(f"seed {seed}, after step {step}:\n" + "\n".join(history)) from exc
            listed = sum(len(getattr(report, n)) for n in ("documents", "groups", "findings", "timelines"))
            listed += len(report.resolved) + len(report.errors) + len(report.fact_sheets)
            assert 0 < len(app.kept_json) <= listed, "what is kept follows the last report"
    finally:
        app.close()


def test_a_checker_of_one_run_keeps_nothing(tmp_path: Path) -> None:
    settings = load_settings(store=tmp_path / "s.db", reports=tmp_path / "r", rules=[])
    app = Checker(settings, [], one_run=True)
    try:
        assert app.kept_json is None and app.kept_pages is None
    finally:
        app.close()
