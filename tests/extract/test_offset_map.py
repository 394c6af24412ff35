"""Normalized.from_original_all maps ascending offsets exactly as from_original maps each one."""

from __future__ import annotations

import random
from pathlib import Path

from checker.extract.normalize import _JOIN_RE, Normalized, _join_inline_re, _rewritten, normalize

ROOT = Path(__file__).resolve().parents[2]


def _normalized() -> list[tuple[str, Normalized]]:
    """The seeds and a few hard cases, each normalized as prose and as one paragraph a line."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += ["1 9 9 7 年\n增长\n 30 万亿元㎞℃", "", "①10个 \n\n 8000\n公里"]
    return [(t, normalize(t, lines_are_paragraphs=lines)) for t in texts for lines in (False, True)]


def test_from_original_all_is_from_original_of_each() -> None:
    rng = random.Random(5)
    for text, norm in _normalized():
        positions = sorted(rng.randint(0, len(text)) for _ in range(200)) + list(range(min(len(text), 50)))
        positions.sort()
        assert norm.from_original_all(positions) == [norm.from_original(p) for p in positions]


def test_to_original_all_is_to_original_of_each() -> None:
    rng = random.Random(6)
    for _, norm in _normalized():
        if not norm.text:
            continue
        positions = sorted(rng.randrange(len(norm.text)) for _ in range(200))
        positions += range(max(0, len(norm.text) - 50), len(norm.text))
        positions.sort()
        assert norm.to_original_all(positions) == [norm.to_original(p) for p in positions]


def _pieces_by_finditer(original: str, lines: bool) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The joined text and its offset map, built run by run from the joiner's matches."""
    text, variable = _rewritten(original)
    assert not variable
    joiner = _join_inline_re() if lines else _JOIN_RE
    joined, seg_norm, seg_orig, pos = "", [0], [0], 0
    for m in joiner.finditer(text):
        joined += text[pos : m.start()]
        seg_norm.append(len(joined))
        seg_orig.append(m.end())
        pos = m.end()
    return joined + text[pos:], tuple(seg_norm), tuple(seg_orig)


def test_the_joined_text_and_its_map_are_those_of_the_joiner_runs() -> None:
    rng = random.Random(7)
    pieces = ["中", "文", "1", "23", ".", "%", " ", "\n", "\n\n", "\u3000", "。", "a", "万"]
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(2000)]
    for text in texts:
        for lines in (False, True):
            norm = normalize(text, lines_are_paragraphs=lines)
            if True in norm.seg_collapsed:
                continue  # a character that changes length: the general path, not the split
            assert (norm.text, norm.seg_norm, norm.seg_orig) == _pieces_by_finditer(text, lines), text
