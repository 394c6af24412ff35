"""timewords.scan finds what TIME_RE.finditer finds, though it tries TIME_RE only where a match can start.

Its shortcuts rest on three facts about TIME_RE: every match starts with a
character of _FIRST_RE (the lookahead of _GATED_RE) and holds one of _TRIGGER_RE, at most _REACH
characters after its start unless a space comes between.  All are checked at
every position of the seeds, the real corpora and random texts built from the
pieces time expressions are made of.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from checker.extract import words
from checker.extract.normalize import normalize
from checker.extract.timewords import _FIRST_RE, _GATED_RE, _REACH, _TRIGGER_RE, TIME_RE, match_at, scan

ROOT = Path(__file__).resolve().parents[2]
CORPORA = sorted((ROOT.parent / "shared" / "corpora").glob("*/*.txt"))
PIECES = (
    "2018", "1 9 9 7", "二〇二三", "一九七八", "年", "月", "日", "底", "末", "初", "以来", "期间", "上半年", "下半年",
    "第三季度", "前三季度", "今年", "去年", "全年", "年底", "目前", "至今", "迄今", "当前", "现在", "过去五年",
    "五年来", "十年", "近三年", "未来五年", "“十三五”", "\"九五\"", "七五", "计划", "第六个五年计划", "截至",
    "截止到", "到", "从", "自", "在", "比上年", "相比", "—", "-", "～", "至", "、", "，", "。", "；", "\n", " ",
    "\u3000", "in", "In", "IN", "as of", "As Of", "June", "Sept", "the first half of", "The First Half",
    "at the end of", "through", "to", "this year", "Last Year", "over the past five years", "since", "during",
    "增长", "亿元", "9.5%", "12", "3", "x", "é", "ı", "ſ", "K", "İ", "今天", "当天", "此前", "同期", "今后", "近年来",
    "第二季度", "前两季度", "年内", "年底前", "19", "20", "1920", "192020年", "2 0", "从1 9 9 7 — 2 0 0 0 年",
    "截止到1 9 9 7 年", "最近的 123 年", "截止到12 — 12 月", "从一九九七—二〇〇〇年间", "“一二三五”",
)  # fmt: skip


def _reference(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [m.span() for m in TIME_RE.finditer(text, lo, hi) if m.group(0).strip()]


def _texts() -> list[str]:
    rng = random.Random(9)
    fuzz = ["".join(rng.choice(PIECES) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    real = [normalize(p.read_text(encoding="utf-8")).text for p in CORPORA[:6]]
    return [*fuzz, *seeds, *real]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def test_every_match_starts_with_a_first_character_and_holds_a_trigger(texts: list[str]) -> None:
    for text in texts:
        for pos in range(len(text)):
            m = TIME_RE.match(text, pos)
            if m is None:
                continue
            assert _FIRST_RE.match(text, pos), (text, pos, m.group(0))
            trigger = _TRIGGER_RE.search(text, m.start(), m.end())
            assert trigger, (text, m.group(0))
            # scan does not search further back than _REACH before the first trigger when no space comes between
            if not re.search(r"\s", text[pos : trigger.start()]):
                assert trigger.start() - pos <= _REACH, (text, m.group(0))


def test_scan_equals_finditer_on_every_stretch(texts: list[str]) -> None:
    rng = random.Random(3)
    for text in texts:
        n = len(text)
        stretches = [(0, n)] + [tuple(sorted((rng.randint(0, n), rng.randint(0, n)))) for _ in range(30)]
        for lo, hi in stretches:
            got = scan(text, lo, hi)
            assert [m.span() for m in got] == _reference(text, lo, hi), (text[lo:hi], lo, hi)
            want = [m.groupdict() for m in TIME_RE.finditer(text, lo, hi)]
            assert [m.groupdict() for m in got] == want, (text[lo:hi], lo, hi)


def test_match_at_is_time_re_match(texts: list[str]) -> None:
    for text in texts[:500]:
        for pos in range(len(text) + 1):
            got, want = match_at(text, pos), TIME_RE.match(text, pos)
            assert (got and got.span()) == (want and want.span()), (text, pos)


def test_times_in_is_finditer_of_the_context_time_words(texts: list[str]) -> None:
    for text in texts:
        want = [m.span() for m in words.TIME_RE.finditer(text)]
        assert [m.span() for m in words.times_in(text)] == want
        for m in words.TIME_RE.finditer(text):
            assert words._TIME_TRIGGER_RE.search(m.group(0)), m.group(0)
        n = len(text)
        for lo, hi in ((n // 3, n), (0, n // 2), (n // 4, 3 * n // 4)):
            want = [m.span() for m in words.TIME_RE.finditer(text, lo, hi)]
            assert [m.span() for m in words.times_in(text, lo, hi)] == want


def test_the_shortcuts_are_case_insensitive_like_time_re() -> None:
    assert TIME_RE.flags & re.IGNORECASE
    assert _FIRST_RE.flags & re.IGNORECASE and _GATED_RE.flags & re.IGNORECASE
    # the trigger spells its cases out (one class the engine skips to): every character TIME_RE folds
    # to "a" is in it, and so is every 19xx or 20xx in Unicode digits
    folds_to_a = [chr(c) for c in range(0x110000) if re.fullmatch("a", chr(c), re.IGNORECASE)]
    assert folds_to_a == ["A", "a"]
    assert all(_TRIGGER_RE.search(c) for c in folds_to_a)
    for text in ("LAST YEAR", "As Of June", "The First Half", "in 1999", "١٩٩٩"):
        assert [m.span() for m in scan(text, 0, len(text))] == _reference(text, 0, len(text)), text


def test_a_year_overlapping_another_is_still_found() -> None:
    # "1920" and "2020" overlap: the scan must not stop before the later one
    for text in ("192020年增长", "在1920 2020年", "截至192020年底"):
        assert [m.span() for m in scan(text, 0, len(text))] == _reference(text, 0, len(text))
        assert scan(text, 0, len(text)), text
