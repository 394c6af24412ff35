"""The documents' page plan and the review page across runs of one process: what is kept is never stale.

Each "run" is made as the evaluation makes one (findings copied, groups of carried units the same
objects, summaries rebuilt) and changed as an edit changes it; the plan made with what the last runs
kept must be the plan made from nothing: the same page names, facts and entries, the same pages.
"""

from __future__ import annotations

from typing import Any

import pytest
from report_samples import ref, sample_report

import checker.report.html as html_module
from checker.models import ClaimRef, Finding, Group, Interval, Related, Report, Severity
from checker.models.reportjson import KeptJson, ReportJson
from checker.report import docpages
from checker.report.docpages import KeptPages, PagePlan, plan_pages
from checker.report.docshown import WHOLE
from checker.report.docview import render_document_page
from checker.report.evidence import agreeing_claims, corroborations
from checker.report.fragments import Fragments
from checker.report.html import render_html


def _next_run(report: Report, **update: Any) -> Report:
    return report.model_copy(
        update={
            "findings": [f.model_copy() for f in report.findings],
            "groups": list(report.groups),
            "documents": [d.model_copy() for d in report.documents],
            **update,
        }
    )


def _shown(plan: PagePlan) -> dict[str, Any]:
    entries = {p: [(e.anchor, e.key, list(e.shown)) for e in es] for p, es in plan.entries.items()}
    return {"names": plan.names, "facts": plan.facts, "entries": entries}


class Digests(list[str]):
    """The documents whose page names the plan made with what was kept digested (not kept ones)."""

    counting = True


_DIGESTS = Digests()


def _planned(report: Report, kept: KeptPages) -> PagePlan:
    """The plan made with what was kept, held equal to the plan made from nothing, page by page."""
    plan = plan_pages(report, "salt", kept)
    _DIGESTS.counting = False
    try:
        fresh = plan_pages(report, "salt")
    finally:
        _DIGESTS.counting = True
    assert _shown(plan) == _shown(fresh)
    for d in report.documents:
        assert render_document_page(plan, d, None, []) == render_document_page(fresh, d, None, [])
    return plan


@pytest.fixture
def digests(monkeypatch: pytest.MonkeyPatch) -> Digests:
    name = docpages._name
    _DIGESTS.clear()

    def counted(salt: str, d: Any, facts: list[str], entries: list[Any]) -> str:
        if _DIGESTS.counting:
            _DIGESTS.append(d.path)
        return name(salt, d, facts, entries)

    monkeypatch.setattr(docpages, "_name", counted)
    return _DIGESTS


def _at(path: str, value: int) -> ClaimRef:
    """A quote of the railway figure that holds that value only (the odd one out is told by intervals)."""
    return ref(path, 2, f"{value}公里", value, f"铁路里程{value}公里。", interval=Interval.point(value))


def _large() -> Report:
    """25 documents say 660, one says 680: a finding quoting more than WHOLE documents, and its group."""
    claims = [_at(f"docs/r{i:02d}.txt", 660) for i in range(25)]
    odd = _at("docs/odd.txt", 680)
    report = sample_report()
    finding = Finding(
        rule="agree", severity=Severity.ERROR, message="Reports disagree: 660 vs 680.", claims=[*claims, odd],
        fingerprint="cccc000000000001", fact="railway-large",
    )  # fmt: skip
    group = Group(
        key="railway-large", subject="铁路里程", unit="km", status="conflict",
        documents=sorted({c.path for c in finding.claims}), claims=finding.claims,
    )  # fmt: skip
    report.findings = [finding, *report.findings]
    report.groups = [group, *report.groups]
    report.documents += [report.documents[0].model_copy(update={"path": c.path}) for c in finding.claims]
    assert len(finding.claims) > WHOLE
    return report


def test_an_unchanged_run_digests_no_page_and_changes_digest_only_their_pages(digests: Digests) -> None:
    kept = KeptPages()
    first = sample_report()
    _planned(first, kept)
    assert len(digests) == len(first.documents)
    digests.clear()
    second = _next_run(first)
    _planned(second, kept)
    assert digests == []
    # A reworded finding renames the pages of the documents it quotes; its status renames none.
    third = _next_run(second)
    third.findings[0].message += " Again."
    third.findings[1].status = "new"
    third.findings[2].related = [Related(rule="other", message="every place")]
    _planned(third, kept)
    assert sorted(digests) == sorted({c.path for c in third.findings[0].claims})


def test_another_extractor_or_template_renames_every_page() -> None:
    kept = KeptPages()
    report = sample_report()
    before = _planned(report, kept).names
    after = plan_pages(_next_run(report), "another salt", kept).names
    assert after == plan_pages(report, "another salt").names
    assert all(after[p] != before[p] for p in before)


def test_a_changed_summary_fact_or_quote_renames_its_pages() -> None:
    kept = KeptPages()
    first = sample_report()
    before = _planned(first, kept).names
    second = _next_run(first)
    second.documents[2] = second.documents[2].model_copy(update={"title": "新标题"})
    after = _planned(second, kept).names
    assert [p for p in after if after[p] != before[p]] == ["docs/c.txt"]
    # The fact a.txt and c.txt agreed on is disputed now: neither page lists it.
    then = _next_run(second)
    tasks, railway = then.groups
    then.groups = [tasks.model_copy(update={"status": "conflict"}), railway]
    now = _planned(then, kept).names
    assert [p for p in now if now[p] != after[p]] == ["docs/a.txt", "docs/c.txt"]
    third = _next_run(then)
    # A quote replaced in place in the finding's own list: the pages quoting it must follow.
    moved = third.findings[1].claims[1].model_copy(update={"line": 3})
    third.findings[1].claims[1] = moved
    _planned(third, kept)


def test_a_large_finding_that_grows_renames_only_the_joining_documents_page() -> None:
    kept = KeptPages()
    first = _large()
    before = _planned(first, kept).names
    second = _next_run(first)
    large, *rest = second.findings
    joining = _at("docs/r25.txt", 660)
    grown = large.model_copy(update={"claims": [*large.claims, joining], "fingerprint": "cccc000000000002"})
    group = second.groups[0].model_copy(update={"claims": grown.claims})
    second.findings = [grown, *rest]
    second.groups = [group, *second.groups[1:]]
    second.documents = [*second.documents, second.documents[-1].model_copy(update={"path": "docs/r25.txt"})]
    after = _planned(second, kept).names
    assert [p for p in after if before.get(p) != after[p]] == ["docs/r25.txt"]
    # One document's quote of it edited (its line): that page shows it, and changes.
    third = _next_run(second)
    third.findings[0].claims[5] = third.findings[0].claims[5].model_copy(update={"line": 7})
    again = _planned(third, kept).names
    assert [p for p in again if again[p] != after[p]] == ["docs/r05.txt"]
    # Two more documents say 680: there is no odd one out now, and every page's verdict changes with it.
    fourth = _next_run(third)
    fourth.findings[0].claims[:2] = [_at(c.path, 680) for c in fourth.findings[0].claims[:2]]
    fourth.groups[0] = fourth.groups[0].model_copy(update={"claims": fourth.findings[0].claims})
    last = _planned(fourth, kept).names
    assert sum(last[p] != again[p] for p in again) == 27, "every page quoting it"


def test_corroborations_kept_are_the_claims_that_agree_now() -> None:
    kept: Any = KeptPages().agreed
    report = sample_report()
    tasks = report.groups[0]
    for claims in (tasks.claims, [*tasks.claims], [tasks.claims[0], _other(tasks.claims[1])], tasks.claims):
        groups = [tasks.model_copy(update={"claims": claims}), *report.groups[1:]]
        found = corroborations(groups, kept)
        assert found == [(g, a) for g in groups if g.status == "corroborated" and (a := agreeing_claims(g))]


def _other(c: ClaimRef) -> ClaimRef:
    return c.model_copy(update={"value": c.value + 1, "text": "166项"})


def test_the_review_page_made_with_kept_json_is_the_page_made_from_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kept = KeptJson()
    first = sample_report()
    second = _next_run(first)
    second.findings[0].status = "persisting"  # shown on its row
    third = _next_run(second, findings=second.findings[1:])
    for report in (first, second, third):
        b"".join(ReportJson(report, kept).file())
        warm = render_html(report, dump=kept.peek)
        monkeypatch.setattr(html_module, "_FRAGMENTS", Fragments())  # nothing kept from an earlier page
        assert warm == render_html(report)


def test_a_page_planned_from_the_same_objects_is_taken_whole_unless_a_field_was_assigned_since(
    digests: Digests,
) -> None:
    # The watch service's runs hand unchanged summaries and findings over as the same objects.
    kept = KeptPages()
    first = _large()
    one = _planned(first, kept)
    digests.clear()
    same = _planned(first.model_copy(), kept)
    assert digests == [], "no page digested again"
    paths = [p for p in one.entries if one.entries[p]]
    assert paths and all(same.entries[p] is one.entries[p] for p in paths), "the entries themselves"
    # A field assigned on the same finding since, a summary made anew (summaries are frozen): the pages they
    # show on are planned again.
    third = first.model_copy()
    railway = next(f for f in third.findings if not f.passed and len(f.claims) <= WHOLE)
    railway.accepted_reason = "the desk checked both figures"
    third.documents[-1] = third.documents[-1].model_copy(update={"title": "A retitled report"})
    _planned(third, kept)
    assert sorted(digests) == sorted({*(c.path for c in railway.claims), third.documents[-1].path})


def test_the_list_of_documents_kept_row_by_row_is_the_list_made_from_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from checker.report import docview

    kept = KeptPages()
    first = sample_report(payloads=True)
    plan = plan_pages(first, "salt", kept)
    rows, digest = docview.documents_index_rows(first, plan, kept.rows)
    assert (rows, digest) == docview.documents_index_rows(first, plan)
    page = docview.render_documents_index(rows)
    assert "<script>" not in page and "&lt;script&gt;" in page, "paths and titles are escaped"
    made: list[tuple[object, ...]] = []
    row = docview._row

    def counted(*values: Any) -> Any:
        made.append(values)
        return row(*values)

    monkeypatch.setattr(docview, "_row", counted)
    second = _next_run(first)
    second.documents[0] = second.documents[0].model_copy(update={"title": "A retitled report"})
    plan = plan_pages(second, "salt", kept)
    again, changed = docview.documents_index_rows(second, plan, kept.rows)
    assert len(made) == 1 and changed != digest, "one row made again, and the list renamed"
    assert again == docview.documents_index_rows(second, plan)[0]
    assert len(kept.rows) == len(second.documents), "only this run's rows are kept"
