"""Section headings found from line breaks are those a pattern opening with ^ finds at every line start."""

from __future__ import annotations

import random
import re
from pathlib import Path

from checker.extract.sections import _HEADING, Sections

ROOT = Path(__file__).resolve().parents[2]
_EVERY_LINE_START = re.compile("^" + _HEADING, re.MULTILINE)
_PIECES = [
    "一、",
    "十二、",
    "三",
    "、",
    "\n",
    "\n\n",
    " ",
    "\u3000",
    "\t",
    "。",
    "，",
    "工作回顾",
    "增长",
    "a",
    "5",
]


def _expected(text: str) -> list[tuple[str, int]]:
    return [(m.group("label"), m.end()) for m in _EVERY_LINE_START.finditer(text)] if "、" in text else []


def test_headings_match_the_line_start_pattern() -> None:
    rng = random.Random(11)
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    texts += ["一、工作回顾", "\n一、工作回顾\n二、主要任务", "一、工作回顾\n二、主要任务\n"]
    found = 0
    for text in texts:
        got = [(s.label, s.start) for s in Sections(text).sections]
        assert got == _expected(text), repr(text)
        found += len(got)
    assert found > 100
