from __future__ import annotations

import pytest

from checker.report.markdown import code


@pytest.mark.parametrize(
    ("text", "span"),
    [("a.txt", "`a.txt`"), ("we`ird.txt", "`` we`ird.txt ``"), ("x``y", "``` x``y ```"), ("a\nb", "`a b`")],
)
def test_code_span_cannot_be_closed_from_inside(text: str, span: str) -> None:
    assert code(text) == span
