"""Numbered section headings ("一、加强长三角科技创新跨区域协同") and their scope.

A figure in the first sentence after such a heading ("共有20项重点任务") counts
something of that section, so it carries the heading as a qualifier and never
groups with the document's total.  Only the first sentence: later sentences
usually name their own subject, and quotes from other sources ("据央视报道，
第一轮……") must still group with the same fact elsewhere.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Final

_HEADING_RE: Final[re.Pattern[str]] = re.compile(
    r"^[ \t\u3000]*(?P<label>[一二三四五六七八九十]{1,3}、[^\n。;；,，:：!！?？]{2,40}?)[ \t\u3000]*$",
    re.MULTILINE,
)
_SENTENCE_END_RE: Final[re.Pattern[str]] = re.compile(r"[。;；!！?？]")
_MAX_SCOPE: Final[int] = 400


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the span of text (original offsets) it qualifies."""

    label: str
    start: int
    end: int


class Sections:
    """The numbered headings of one text, searchable by offset."""

    def __init__(self, text: str) -> None:
        self.sections: list[Section] = []
        if "、" not in text:
            self.starts: list[int] = []
            return
        for m in _HEADING_RE.finditer(text):
            start = m.end()
            stop = _SENTENCE_END_RE.search(text, start, start + _MAX_SCOPE)
            end = stop.end() if stop else start + _MAX_SCOPE
            self.sections.append(Section(m.group("label"), start, end))
        self.starts = [s.start for s in self.sections]

    def at(self, pos: int) -> Section | None:
        """The section whose scope holds original offset `pos`."""
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            return None
        sec = self.sections[i]
        return sec if pos < sec.end else None
