"""Lookahead gates and literal-first rewrites of patterns find what the plain patterns find.

A gate is a class of every first character the alternation can start with (or must
follow): it only turns away places where no branch could match.  Each pattern is
compared with itself without its gate on the seeds and on random text made of the
characters the branches care about.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import checker.extract as extract_module
from checker.extract import layout, patterns
from checker.extract.lexicon import SUFFIX_BOUNDS
from checker.extract.normalize import _JOIN_RE, CJK, _join_inline_re

ROOT = Path(__file__).resolve().parents[2]


def _ungated(pattern: re.Pattern[str], gates: list[str]) -> re.Pattern[str]:
    source = pattern.pattern
    for gate in gates:
        assert gate in source
        source = source.replace(gate, "")
    return re.compile(source, pattern.flags)


def _texts(pieces: list[str], seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return texts + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(4000)]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(pattern.groups + 1)) for m in pattern.finditer(text)]


def test_number_patterns_find_the_same_with_and_without_gates() -> None:
    units = list(patterns.UNIT_TOKENS)
    gates = [
        "(?=" + patterns.first_chars("多余", patterns._RANGE_SEPS, units, SUFFIX_BOUNDS) + ")",
        "(?=" + patterns.first_chars(units) + ")",
        "(?=" + patterns.first_chars(SUFFIX_BOUNDS) + ")",
    ]
    start = _ungated(patterns.START_RE, gates[:1])
    number = _ungated(patterns.NUMBER_RE, gates)
    pieces = [
        *units[:: max(1, len(units) // 40)],
        *list(SUFFIX_BOUNDS)[:20],
        *"一二两三十百千万亿点多余至-—到",
    ]
    pieces += ["1", "20", "3.5", "，", "的", "年", "个", "分之", "百分之", "第", "每", "米", " ", "a"]
    for text in _texts(pieces, 4):
        assert _spans(patterns.START_RE, text) == _spans(start, text), text
        for at in range(len(text)):
            got, want = patterns.NUMBER_RE.match(text, at), number.match(text, at)
            assert (got and got.regs) == (want and want.regs), (text, at)


def test_whitespace_joiner_finds_the_same_with_and_without_its_gate() -> None:
    gate = f"(?<=[{CJK}0-9%.].)"
    joiners = [_JOIN_RE, _join_inline_re()]
    pieces = ["中", "文", "。", "，", "1", "23", ".", "%", " ", "\n", "\n\n", "\u3000", "\t", "a", "万", "元"]
    for text in _texts(pieces, 5):
        for joiner in joiners:
            assert _spans(joiner, text) == _spans(_ungated(joiner, [gate]), text), text


def test_debris_after_a_line_break_is_found_with_and_without_its_gate() -> None:
    pieces = ["\n", "\n", "\n", "\n\n", " ", "\t", "a", "ab", "中", "中文一二三四", "。", "\u3000", "1"]
    gate = r"(?=[^\S\n]*\S{1,2}[^\S\n]*\n)"
    ungated = _ungated(extract_module._NEXT_DEBRIS_RE, [gate])
    found = 0
    for text in _texts(pieces, 6):
        got = _spans(extract_module._NEXT_DEBRIS_RE, text)
        assert got == _spans(ungated, text), text
        found += len(got)
    assert found > 100


def test_paragraph_breaks_are_those_after_a_sentence_end_or_before_a_blank_line() -> None:
    ends = re.compile(f"[{re.escape(layout._PARAGRAPH_END)}][ \t\u3000]*\n")
    pieces = ["\n", "\n\n", " ", "\t", "\u3000", "中文", "。", "；", ")", "a", ":", "”"]
    for text in _texts(pieces, 7):
        want = {m.end() - 1 for m in ends.finditer(text)} | {
            m.start() for m in re.finditer(r"\n(?=\n)", text)
        }
        assert layout._breaks(text) == want, text
