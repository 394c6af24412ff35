from __future__ import annotations

from typing import Any

import pytest

from checker.report.markdown import code


@pytest.mark.parametrize(
    ("text", "span"),
    [("a.txt", "`a.txt`"), ("we`ird.txt", "`` we`ird.txt ``"), ("x``y", "``` x``y ```"), ("a\nb", "`a b`")],
)
def test_code_span_cannot_be_closed_from_inside(text: str, span: str) -> None:
    assert code(text) == span


def test_entries_written_before_are_taken_again_and_a_changed_one_is_written_anew(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from report_samples import sample_report

    from checker.report import markdown

    report = sample_report()
    written: list[str] = []
    finding = markdown._finding

    def counted(f: Any) -> list[str]:
        written.append(f.fingerprint)
        return finding(f)

    monkeypatch.setattr(markdown, "_finding", counted)
    monkeypatch.setattr(markdown, "_KEPT", {})
    first = markdown.render_markdown(report)
    shown = list(written)
    assert shown and markdown.render_markdown(report) == first and written == shown, "nothing written again"
    changed = next(f for f in report.findings if not f.passed)
    changed.message = "Reports disagree on 新增建成铁路里程: 660公里 vs 690公里."
    again = markdown.render_markdown(report)
    assert written[len(shown) :] == [changed.fingerprint]
    monkeypatch.setattr(markdown, "_KEPT", {})
    assert again == markdown.render_markdown(report) and "690公里" in again
