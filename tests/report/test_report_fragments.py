"""The review page's pieces kept between renders of one process give the bytes a fresh render gives."""

from __future__ import annotations

import pytest
from report_samples import ref, sample_report

import checker.report.html as html_module
from checker.models import ClaimRef, Interval, Report
from checker.report.docpages import PagePlan
from checker.report.evidence import odd_one_out, primary
from checker.report.fragments import Fragments
from checker.report.html import render_html


def _cold(report: Report, plan: PagePlan | None = None) -> str:
    """The page rendered with nothing kept from an earlier render."""
    kept = html_module._FRAGMENTS
    html_module._FRAGMENTS = Fragments()
    try:
        return render_html(report, plan=plan)
    finally:
        html_module._FRAGMENTS = kept


@pytest.fixture(autouse=True)
def _own_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html_module, "_FRAGMENTS", Fragments())


def _pointed(c: ClaimRef) -> ClaimRef:
    return c.model_copy(update={"interval": Interval.point(c.value)})


def _three_sided(report: Report) -> None:
    """The railway conflict with a third report agreeing with a.txt: b.txt becomes the odd one out."""
    railway = report.groups[1]
    third = ref("docs/d.txt", 3, "660公里", 660, "铁路里程660公里。", role="camp 1")
    claims = [_pointed(c) for c in [*railway.claims, third]]
    report.groups = [report.groups[0], railway.model_copy(update={"claims": claims})]


def _warm_equals_cold(report: Report, plan: PagePlan | None = None) -> str:
    warm = render_html(report, plan=plan)
    assert warm == _cold(report, plan)
    return warm


def test_a_status_change_shows_on_the_warm_page() -> None:
    report = sample_report()
    before = _warm_equals_cold(report)
    report.findings[0] = report.findings[0].model_copy(update={"status": "persisting"})
    after = _warm_equals_cold(report)
    assert (
        before != after
        and 'id="f-1" data-severity="error" data-rule="agree" data-status="persisting"' in after
    )


def test_a_new_odd_one_out_shows_though_the_finding_did_not_change() -> None:
    report = sample_report()
    assert "The odd one out is" not in _warm_equals_cold(report)
    _three_sided(report)
    after = _warm_equals_cold(report)
    assert "The odd one out is <code>docs/b.txt</code>" in after


def test_changed_links_and_quotes_show_on_the_warm_page() -> None:
    report = sample_report()
    first = PagePlan(
        names={"docs/a.txt": "a.1111.html", "docs/b.txt": "b.1111.html", "docs/c.txt": "c.1111.html"}
    )
    _warm_equals_cold(report, first)
    second = PagePlan(names={**first.names, "docs/a.txt": "a.2222.html"})
    assert 'href="docs/a.2222.html#c-0"' in _warm_equals_cold(report, second)
    tasks = report.groups[0]
    changed = [
        tasks.claims[0].model_copy(update={"sentence": "三年行动计划共165项重点任务（修订）。"}),
        tasks.claims[1],
    ]
    report.groups = [tasks.model_copy(update={"claims": changed}), report.groups[1]]
    assert "（修订）" in _warm_equals_cold(report, second)


def test_the_odd_one_out_of_a_new_run_quotes_that_runs_claims() -> None:
    report = sample_report()
    _three_sided(report)
    railway = report.groups[1]
    assert odd_one_out(report.findings[0], report.groups) is not None
    # The next run: the same figures, but b's sentence was edited (the answer is remembered, its claim is new).
    moved = railway.claims[1].model_copy(update={"sentence": "改过的句子680公里。"})
    finding = report.findings[0].model_copy(update={"claims": [railway.claims[0], moved]})
    groups = [
        report.groups[0],
        railway.model_copy(update={"claims": [railway.claims[0], moved, railway.claims[2]]}),
    ]
    odd = odd_one_out(finding, groups)
    assert odd is not None and odd.claims[0].sentence == "改过的句子680公里。"
    assert primary(finding, groups) == moved


def test_only_the_last_renders_pieces_are_kept() -> None:
    made: list[str] = []
    cache = Fragments()

    def make(text: str) -> str:
        made.append(text)
        return text

    cache.begin()
    assert cache.get("k", lambda: make("one")) == "one"
    cache.begin()
    assert cache.get("k", lambda: make("two")) == "one"  # kept from the last render
    cache.begin()
    cache.begin()  # a render that did not use "k": it is dropped
    assert cache.get("k", lambda: make("three")) == "three"
    assert made == ["one", "three"]
