"""Paragraphs and headings of a text whose line breaks are kept, for the period reader.

A line break ends a paragraph after a sentence end (spaces skipped), before a
blank line, at the start of the text and after a heading; elsewhere it is
layout (OCR, wiki).  Each kind is found by a regex that starts with a literal
or a class, which the regex engine scans for in C.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Final

_HEADING: Final[str] = (
    r"[ \t\u3000]*(?:[一二三四五六七八九十]{1,3}[、.．]|第[一二三四五六七八九十]{1,3}部分)[^\n。]{2,40}$"
)
_HEADING_RE: Final[re.Pattern[str]] = re.compile(_HEADING, re.MULTILINE)
# A heading after a line break: the literal first character lets the engine skip to each break in C.
_NEXT_HEADING_RE: Final[re.Pattern[str]] = re.compile("\n" + _HEADING, re.MULTILINE)
# A line break ends a paragraph after these (or before a blank line); elsewhere it is layout (OCR, wiki).
_PARAGRAPH_END: Final[str] = "。！？!?；;：:”」』)）"
_INDENT: Final[str] = " \t\u3000"
# A line break after one of those: a literal first character the engine skips to in C, where
# a class of sentence ends would be tested at every character.
_END_BREAK_RE: Final[re.Pattern[str]] = re.compile(f"\\n(?<=[{re.escape(_PARAGRAPH_END)}]\\n)")
# After a space the sentence end is looked for further back, in Python: these are few.
_SPACE_BREAK_RE: Final[re.Pattern[str]] = re.compile(f"\\n(?<=[{re.escape(_INDENT)}]\\n)")
_BLANK_BREAK_RE: Final[re.Pattern[str]] = re.compile(r"\n(?=\n)")
_FIRST_BREAK_RE: Final[re.Pattern[str]] = re.compile(r"[ \t\u3000]*\n")


@dataclass(frozen=True)
class Layout:
    """Paragraph starts and heading spans, as offsets of the normalised text (which joins lines)."""

    paragraphs: list[int] = field(default_factory=list)
    headings: list[tuple[int, int]] = field(default_factory=list)


def layout_of(lines: str, to_norm: Callable[[list[int]], list[int]] = lambda pos: pos) -> Layout:
    """The layout of a text whose line breaks are kept (`lines`), mapped by `to_norm` (ascending offsets)."""
    first_line = _HEADING_RE.match(lines)
    headings = [first_line.span()] if first_line else []
    headings += [(m.start() + 1, m.end()) for m in _NEXT_HEADING_RE.finditer(lines)]
    heading_ends = {end for _, end in headings}
    breaks = _breaks(lines)
    first = _FIRST_BREAK_RE.match(lines)
    if first is not None:
        breaks.add(first.end() - 1)
    breaks.update(end for end in heading_ends if lines.startswith("\n", end))
    paragraphs = to_norm([pos + 1 for pos in sorted(breaks)])
    ends = iter(to_norm([pos for span in headings for pos in span]))  # ascending: headings do not overlap
    return Layout(paragraphs, list(zip(ends, ends, strict=True)))


def _breaks(lines: str) -> set[int]:
    """The line breaks after a sentence end (spaces between skipped) or before a blank line."""
    breaks = set(map(re.Match.start, _END_BREAK_RE.finditer(lines)))
    breaks.update(
        pos for pos in map(re.Match.start, _SPACE_BREAK_RE.finditer(lines)) if _after_end(lines, pos)
    )
    breaks.update(map(re.Match.start, _BLANK_BREAK_RE.finditer(lines)))
    return breaks


def _after_end(lines: str, pos: int) -> bool:
    """Whether a sentence end stands before the line break at `pos`, spaces between skipped."""
    while pos > 0 and lines[pos - 1] in _INDENT:
        pos -= 1
    return pos > 0 and lines[pos - 1] in _PARAGRAPH_END


@cache
def _literal_res(chars: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(re.escape(c)) for c in chars)


def positions(text: str, chars: str) -> list[int]:
    """Where any of `chars` stands in `text`, ascending.

    One literal pattern per character: the engine skips to a literal faster than
    it tests a class at every character, and a few sorted runs merge fast.
    """
    out: list[int] = []
    for pattern in _literal_res(chars):
        out += map(re.Match.start, pattern.finditer(text))
    out.sort()
    return out
