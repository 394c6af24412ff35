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

_HEADING: Final[str] = (
    r"[ \t\u3000]*(?P<label>[一二三四五六七八九十]{1,3}、[^\n。;；,，:：!！?？]{2,40}?)[ \t\u3000]*$"
)
_HEADING_RE: Final[re.Pattern[str]] = re.compile(_HEADING, re.MULTILINE)
# A heading after a line break: a pattern opening with ^ is tried at every character, a literal first
# character lets the engine skip from break to break in C.  A heading holds no line break, so every
# heading but the text's first is found so, and in the same order.
_NEXT_HEADING_RE: Final[re.Pattern[str]] = re.compile("\n" + _HEADING, re.MULTILINE)
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
        first = _HEADING_RE.match(text)
        if first:
            self._add(text, first)
        for m in _NEXT_HEADING_RE.finditer(text, first.end() if first else 0):
            self._add(text, m)
        self.starts = [s.start for s in self.sections]

    def _add(self, text: str, m: re.Match[str]) -> None:
        start = m.end()
        stop = _SENTENCE_END_RE.search(text, start, start + _MAX_SCOPE)
        end = stop.end() if stop else start + _MAX_SCOPE
        self.sections.append(Section(m.group("label"), start, end))

    def at(self, pos: int) -> Section | None:
        """The section whose scope holds original offset `pos`."""
        i = bisect_right(self.starts, pos) - 1
        if i < 0:
            return None
        sec = self.sections[i]
        return sec if pos < sec.end else None
