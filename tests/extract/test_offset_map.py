"""Normalized.from_original_all maps ascending offsets exactly as from_original maps each one."""

from __future__ import annotations

import random
from pathlib import Path

from checker.extract.normalize import normalize

ROOT = Path(__file__).resolve().parents[2]


def test_from_original_all_is_from_original_of_each() -> None:
    rng = random.Random(5)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += ["1 9 9 7 年\n增长\n 30 万亿元㎞℃", "", "①10个 \n\n 8000\n公里"]
    for text in texts:
        for lines in (False, True):
            norm = normalize(text, lines_are_paragraphs=lines)
            positions = sorted(rng.randint(0, len(text)) for _ in range(200)) + list(
                range(min(len(text), 50))
            )
            positions.sort()
            assert norm.from_original_all(positions) == [norm.from_original(p) for p in positions]


def test_to_original_all_is_to_original_of_each() -> None:
    rng = random.Random(6)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += ["1 9 9 7 年\n增长\n 30 万亿元㎞℃", "", "①10个 \n\n 8000\n公里"]
    for text in texts:
        for lines in (False, True):
            norm = normalize(text, lines_are_paragraphs=lines)
            if not norm.text:
                continue
            positions = sorted(rng.randrange(len(norm.text)) for _ in range(200))
            positions += range(max(0, len(norm.text) - 50), len(norm.text))
            positions.sort()
            assert norm.to_original_all(positions) == [norm.to_original(p) for p in positions]
