"""The HTML renderer on hand-built reports: content, highlighting, escaping, self-containment."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from report_samples import ATTR, SCRIPT, TEMPLATE

from checker.models import Report
from checker.report.html import excerpt, render_html
from checker.report.writer import RENDERERS, run_stamp, write_reports


class _Tags(HTMLParser):
    """Every start tag with its attributes, to check what markup the page really has."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _tags(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_excerpt_finds_the_claim_across_ocr_whitespace() -> None:
    e = excerpt("长三角地区新增建成铁路里程660公里，杭温铁路建成通车。", "660公 里")
    assert (e.before, e.mark, e.after, e.found) == (
        "长三角地区新增建成铁路里程",
        "660公里",
        "，杭温铁路建成通车。",
        True,
    )
    e = excerpt("共有 165 项重点任务", "165\n项")
    assert (e.before, e.mark, e.after) == ("共有 ", "165 项", "重点任务")


def test_excerpt_falls_back_to_the_text_alone() -> None:
    assert excerpt("", "12 项") == excerpt("", "12 项")
    e = excerpt("", "12\n项")
    assert (e.before, e.mark, e.after, e.found) == ("", "12 项", "", False)
    e = excerpt("一句没有这个数字的话。", "660公里")
    assert (e.mark, e.found) == ("660公里", False)


def test_excerpt_cuts_long_sentences_around_the_claim() -> None:
    sentence = "甲" * 300 + "7万个以上" + "乙" * 300
    e = excerpt(sentence, "7万个以上", context=20)
    assert e.before == "…" + "甲" * 20 and e.after == "乙" * 20 + "…" and e.mark == "7万个以上"


def test_page_has_summary_findings_facts_and_documents(report: Report) -> None:
    html = render_html(report)
    assert html.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in html and 'name="viewport"' in html
    for label in (
        "documents",
        "claims",
        "facts checked",
        "corroborated",
        "conflicts",
        "errors",
        "warnings",
        "new since last run",
    ):
        assert f"<dt>{label}</dt>" in html
    assert '<dd data-count="errors">2</dd>' in html and '<dd data-count="new">2</dd>' in html
    rows = [a for t, a in _tags(html).tags if t == "tr" and "finding" in (a.get("class") or "").split()]
    # Problems only: the passed check is listed under "Checks that held", not as a row.
    assert [r["data-fingerprint"] for r in rows] == [f"aaaa00000000000{i}" for i in (1, 2, 3, 4)]
    assert [r["data-status"] for r in rows] == ["new", "persisting", "new", "accepted"]
    assert "<mark>660公里</mark>" in html and "<mark>680公里</mark>" in html
    assert '<q class="excerpt bare"><mark>12项</mark></q>' in html
    assert "docs/a.txt:4:3" in html
    assert "Corroborated facts" in html and "重点任务" in html and "2 documents agree" in html
    assert "Resolved since the previous run" in html and "跨省通办服务点位" in html
    assert "Checks that held (1)" in html
    assert 'id="doc-4"' in html and "empty file" in html
    # A CJK-capable font stack.
    assert "Noto Sans CJK SC" in html and "Microsoft YaHei" in html and "PingFang SC" in html


def test_page_is_self_contained(report: Report) -> None:
    html = render_html(report)
    tags = _tags(html).tags
    assert not [a for t, a in tags if t == "link"]
    assert not [a for t, a in tags if t in ("script", "img", "iframe") and a.get("src")]
    assert not re.search(r"url\(|@import|https?://", html)
    csp = next(
        a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp and "default-src 'none'" in csp and "'unsafe-inline'" not in csp


def test_payloads_are_escaped_everywhere(evil_report: Report) -> None:
    html = render_html(evil_report)
    parsed = _tags(html)
    # Only our own script: none of the payloads became an element or an event handler.
    assert len([t for t, _ in parsed.tags if t == "script"]) == 1
    assert not [t for t, _ in parsed.tags if t == "img"]
    assert not [a for _, a in parsed.tags if any(k.startswith("on") for k in a)]
    assert SCRIPT not in html and ATTR not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    # Corpus text is data, not template source: wherever the payloads went, {{7*7}} went verbatim.
    assert html.count("onerror=alert(1)&gt;" + TEMPLATE) == html.count("onerror=alert(1)&gt;") >= 5


def test_markdown_escapes_the_payloads(evil_report: Report) -> None:
    from markdown_it import MarkdownIt

    md = RENDERERS["md"](evil_report)
    # Rendered as a CommonMark viewer would (raw HTML allowed): the payloads stay text.
    rendered = _tags(MarkdownIt("commonmark").render(md)).tags
    assert not [t for t, _ in rendered if t in ("script", "img")]
    assert not [a for _, a in rendered if any(k.startswith("on") for k in a)]
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in md


def test_written_with_the_other_formats(tmp_path: Path, report: Report) -> None:
    written = write_reports(report, tmp_path)
    assert set(written) >= {"json", "md", "html"}
    stamp = run_stamp(report)
    assert (tmp_path / "latest.html").read_text(encoding="utf-8") == render_html(report)
    assert (tmp_path / "runs" / f"{stamp}.html").is_file()


def test_reports_are_readable_by_others(tmp_path: Path, report: Report) -> None:
    written = write_reports(report, tmp_path)
    assert written["html"].stat().st_mode & 0o777 == 0o644
    written["html"].chmod(0o640)
    write_reports(report, tmp_path)
    assert written["html"].stat().st_mode & 0o777 == 0o640


def test_over_the_cap_the_documents_with_findings_are_listed_first_and_only_those_listed_are_viewed(
    report: Report,
) -> None:
    from checker.report.docpages import facts_by_document
    from checker.report.evidence import corroborations
    from checker.report.htmlviews import FindingView, document_views

    report = report.model_copy(deep=True)
    extra = [report.documents[-1].model_copy(update={"path": f"docs/z{i}.txt"}) for i in range(4)]
    report.documents = [*extra[:2], *report.documents, *extra[2:]]
    problems = [FindingView(f"f-{i}", f, [], []) for i, f in enumerate(report.findings) if not f.passed]
    quoting = {p for fv in problems for p in fv.documents}
    agreed: dict[str, list[str]] = {}
    for group, claims in corroborations(report.groups):
        for path in sorted({c.path for c in claims}):
            agreed.setdefault(path, []).append(group.subject)
    # Every document viewed, then those with findings first (in report order), then the cap: as it was.
    everything = list(enumerate(report.documents, 1))
    ordered = sorted(everything, key=lambda n: n[1].path not in quoting)
    for cap in (None, 2, 3, len(report.documents)):
        views, more = document_views(report, problems, {}, facts=facts_by_document(report), cap=cap)
        expected = ordered if cap is not None and len(everything) > cap else everything
        expected = expected if cap is None else expected[:cap]
        assert [(v.anchor, v.summary.path) for v in views] == [(f"doc-{i}", d.path) for i, d in expected]
        assert [v.facts for v in views] == [agreed.get(d.path, []) for _, d in expected]
        assert [[fv.anchor for fv in v.findings] for v in views] == [
            [fv.anchor for fv in problems if d.path in fv.documents] for _, d in expected
        ]
        assert more == len(report.documents) - len(views)
