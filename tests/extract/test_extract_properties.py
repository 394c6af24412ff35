"""Property tests: Chinese numerals read back to themselves; no text makes extraction raise."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.extract import _extract, extract_text
from checker.extract.cjk_numerals import parse_cjk
from checker.extract.normalize import normalize

DIGITS = "零一二三四五六七八九"


def write_section(n: int, *, leading: bool, two: bool) -> str:
    """Write 0 < n < 10000 in Chinese: 两千三百, 一百零五, 十九 (or 一十九 when not leading)."""
    out = ""
    zero = False
    for unit, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        digit = "两" if d == 2 and two and unit in (1000, 100) else DIGITS[d]
        if unit == 10 and d == 1 and not out and leading:
            digit = ""  # 十九, not 一十九, at the very start
        out += digit + char
    return out


def write_cjk(n: int, *, two: bool = False, circle_zero: bool = False) -> str:
    """An independent writer of Chinese numerals for any 0 <= n < 10**16."""
    if n == 0:
        return "〇" if circle_zero else "零"
    groups = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    names = ["", "万", "亿", "万亿"]
    out = ""
    pending_zero = False
    for idx in range(len(groups) - 1, -1, -1):
        g = groups[idx]
        if g == 0:
            pending_zero = bool(out)
            continue
        if out and (pending_zero or g < 1000):
            out += "零"
        pending_zero = False
        out += write_section(g, leading=not out, two=two) + names[idx]
    return out.replace("零", "〇") if circle_zero else out


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**12), st.booleans(), st.booleans())
def test_chinese_numerals_read_back(n: int, two: bool, circle_zero: bool) -> None:
    text = write_cjk(n, two=two, circle_zero=circle_zero)
    parsed = parse_cjk(text)
    assert parsed is not None, text
    assert parsed.value == n, text


@settings(deadline=None)
@given(st.integers(min_value=3, max_value=10**12))
def test_chinese_numeral_with_measure_word_is_a_claim(n: int) -> None:
    numeral = write_cjk(n, two=True)
    text = f"全省共有{numeral}项重点任务。"
    claims = extract_text(text)
    assert len(claims) == 1, (text, [c.text for c in claims])
    assert claims[0].value == n
    assert claims[0].measure == "项"
    assert claims[0].text == f"{numeral}项"


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=10**12))
def test_arabic_with_separators_is_read(n: int) -> None:
    text = f"累计服务{n:,}人次。"
    claims = extract_text(text)
    assert [c.value for c in claims] == [n]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_never_raises(text: str) -> None:
    # the internal entry point, so that extract_text's safety net cannot hide a failure
    for claim in _extract(text, "x"):
        assert claim.text == text[claim.offset : claim.end]
        assert claim.line >= 1 and claim.column >= 1


FRAGMENTS = st.sampled_from(
    [
        "7", "0", "2.5", "1,000", "万", "亿", "两", "十", "九", "零", "〇", "百", "千", "个", "项", "公里", "%",
        "以上", "以内", "超", "近", "多", "余", "至", "-", "第", "每", "年", "月", "日", "分", "之", "百分之",
        "“", "”", "，", "。", "\n", " ", "\u3000", "１", "％", "萬", "億", "個", "km", "more than ", "million",
        "的", "从", "到", "要", "已", "长三角", "一、", "(", ")", "\t", "\r\n", "℃", "㎞", "①",
    ]
)  # fmt: skip


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_number_like_text_never_raises_and_spans_hold(text: str) -> None:
    lines = text.split("\n")
    for claim in _extract(text, "x"):
        assert claim.text == text[claim.offset : claim.end]
        assert lines[claim.line - 1][claim.column - 1 :].startswith(claim.text.split("\n")[0])
        if claim.interval.lower is not None and claim.interval.upper is not None:
            assert claim.interval.lower <= claim.interval.upper


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_offset_map_points_at_the_same_character(text: str) -> None:
    norm = normalize(text)
    for i, ch in enumerate(norm.text):
        j = norm.to_original(i)
        assert 0 <= j < len(text)
        if not any(norm.seg_collapsed):
            assert norm.translated[j] == ch


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS.filter(lambda f: f not in ("℃", "㎞")), max_size=40).map("".join))
def test_general_path_joins_like_the_fast_path(text: str) -> None:
    # "㎞" sends normalisation down the general path; far from the text it changes nothing else
    fast = normalize(text)
    general = normalize(text + "。" + "㎞")
    assert general.text == fast.text + "。km"


@pytest.mark.parametrize(
    "text",
    [
        "1" + "0" * 400 + "个",
        "9" * 5000 + "项",
        "0." + "0" * 500 + "1%",
        "三" * 3000 + "个",
        "一" + "亿" * 50 + "元",
        "\ud800 5个",
        "百分之" + "九" * 500,
        "9" * 24 + "万亿个",
        "第" * 1000 + "1个" * 1000,
        "\n" * 10000 + "5个",
    ],
    ids=lambda t: f"{t[:8]!r}…{len(t)}",
)
def test_pathological_text_does_not_raise(text: str) -> None:
    # the internal entry point: extract_text's safety net must stay unused
    for claim in _extract(text, "x"):
        assert claim.text == text[claim.offset : claim.end]
