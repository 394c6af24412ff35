r"""Normalisation with an offset map back to the original text.

The extractor reads a normalised copy of the document and reports every span
in the original.  Three things happen, in one pass each:

1. One-to-one character rewrites through one `str.translate` table: NFKC for
   full-width digits, letters and punctuation, CJK compatibility ideographs,
   ideographic spaces; and OpenCC's Traditional → Simplified characters.  The
   full-width comma "，" is deliberately kept: after NFKC it would read as a
   thousands separator in "100，200个".  Superscripts and circled digits are
   kept too: "①10个" must not become "110个".
2. Unit symbols whose NFKC form has another length ("㎞" → "km", "℃" → "°C")
   are replaced; every character of the replacement maps back to the one
   original character.  Punctuation of another length ("…") stays as written.
3. OCR whitespace is removed where it falls inside a number, inside a word or
   between a number and its unit: a run of spaces and line breaks between two
   CJK characters, between a CJK character and a digit, or between two digits
   when the run holds a line break and the figure sits in Chinese text
   ("8000\n公里", "30 万亿元", "第二\n轮 217项", "200个以 上", "38\n00万").
   Spaces between Latin words and digits are kept: English needs them.

`Normalized.span` maps a normalised span back to the original one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, repeat
from typing import Final

from checker.extract.nfkc import rewrites
from checker.extract.traditional import TRADITIONAL_TO_SIMPLIFIED


def _build_tables() -> tuple[dict[int, str], str]:
    """The one-to-one translate table and the characters that change length (none is a key or a value)."""
    table, variable = rewrites()
    for trad, simp in TRADITIONAL_TO_SIMPLIFIED.items():
        table[ord(trad)] = simp
    # A full-width or compatibility form of a Traditional character goes on to Simplified.
    for cp, norm in table.items():
        table[cp] = TRADITIONAL_TO_SIMPLIFIED.get(norm, norm)
    return table, "".join(variable)


def _rewrite_class(table: dict[int, str]) -> str:
    """A character class of the table's keys.

    Characters beyond the BMP go in as one range: a class holding single ones
    defeats the regex engine's bitmap and makes every character a linear scan.
    Runs of consecutive BMP characters go in as ranges too, the same set in half
    the items: the class is parsed at every start.
    """
    runs: list[list[int]] = []
    for k in sorted(k for k in table if k < 0x10000):
        if runs and runs[-1][1] == k - 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    bmp = "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs
    )
    astral = [k for k in table if k >= 0x10000]
    wide = f"{re.escape(chr(min(astral)))}-{re.escape(chr(max(astral)))}" if astral else ""
    return f"[{bmp}{wide}]"


_TABLE, _VARIABLE = _build_tables()
_VARIABLE_SET: Final[frozenset[str]] = frozenset(_VARIABLE)
# Most characters need no rewrite: those that do, and those that change length, are found by one
# character class (scanned at C speed; a class under + would be tried at every character instead) and
# rewritten one by one (the table maps a character to one character: one at a time is a run's translate).
_REWRITE_RE: Final[re.Pattern[str]] = re.compile(
    _rewrite_class(dict.fromkeys([*_TABLE, *map(ord, _VARIABLE)], ""))
)


def _rewritten(original: str) -> tuple[str, bool]:
    """`original` with the one-to-one rewrites, and whether it holds a character that changes length."""
    variable = False

    def rewrite(m: re.Match[str]) -> str:
        nonlocal variable
        ch = m.group()
        if ch in _VARIABLE_SET:
            variable = True
            return ch
        return _TABLE.get(ord(ch), ch)

    return _REWRITE_RE.sub(rewrite, original), variable


CJK: Final[str] = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WS: Final[str] = " \t\r\n\u3000\u00a0\u2000-\u200b\u202f\u205f\ufeff"

_C = f"[{CJK}]"
# Whitespace to drop.  The pattern opens with a character class, so the engine jumps
# from whitespace to whitespace at C speed; what stands left of the run is checked by
# lookbehinds placed after its first character.
# A line break between digits joins them when the figure sits in Chinese: a CJK
# character just before the digits (lookbehinds of fixed width, one per run length)
# or a CJK character or % just after.
_CJK_BEFORE_DIGITS = "|".join(f"(?<={_C}[0-9]{{{n}}}.)" for n in range(1, 7))
_LINE_BREAK = r"(?:(?<=\n)|[ \t\u3000]*\n)"


def _join_re(ws: str, *, across_lines: bool) -> re.Pattern[str]:
    """The pattern of whitespace runs to drop; `ws` is the class of characters a run may hold."""
    breaks = rf"""
      | (?:{_CJK_BEFORE_DIGITS}){_LINE_BREAK}[{ws}]*(?=[0-9.])     # 收入1\n2.5亿元
      | (?:(?<=[0-9].)|(?<=[0-9]\..)){_LINE_BREAK}[{ws}]*(?=\.?[0-9]{{1,12}}(?:\.[0-9]+)?[{CJK}%])  # 38\n00万, 12.\n3%"""
    # Every alternative needs a CJK character, a digit, % or a point just before the run: one class
    # test turns away the line breaks after 。 and the blank lines before the alternatives are tried.
    # The one group is the run: `split` returns the kept pieces and the runs between them.
    return re.compile(
        rf"""([{ws}](?<=[{CJK}0-9%.].)(?:
        (?<={_C}.)[{ws}]*(?=[{CJK}0-9%])                         # 公 里, 轮 217, 两 个
      | (?<=[0-9%].)[{ws}]*(?={_C})                               # 30 万亿元, 8000\n公里
      | (?<=[0-9].)[{ws}]*(?=%)                                   # 90 %{breaks if across_lines else ""}
    ))""",
        re.VERBOSE | re.DOTALL,
    )


_JOIN_RE: Final[re.Pattern[str]] = _join_re(_WS, across_lines=True)


@cache
def _join_inline_re() -> re.Pattern[str]:
    """Paragraphs laid out one a line (web pages, Word files): a line break ends a paragraph, never joins one.

    Compiled on first use: plain text never needs it, and compiling it is a few milliseconds of every start.
    """
    return _join_re(_WS.replace("\n", ""), across_lines=False)


_VAR_RE: Final[re.Pattern[str]] = re.compile(f"[{re.escape(_VARIABLE)}]")


@dataclass(frozen=True, slots=True)
class Normalized:
    """The normalised text and the map of its offsets onto the original."""

    original: str
    text: str
    translated: str  # the original after one-to-one rewrites only: same offsets as the original
    # Piecewise map: normalised offset seg_norm[i] starts a piece at original seg_orig[i];
    # a "collapsed" piece maps every one of its characters onto one original character.
    seg_norm: tuple[int, ...]
    seg_orig: tuple[int, ...]
    seg_collapsed: tuple[bool, ...]

    def to_original(self, pos: int) -> int:
        """The original offset of the normalised character at `pos`."""
        i = bisect_right(self.seg_norm, pos) - 1
        if i < 0:
            return pos
        if self.seg_collapsed[i]:
            return self.seg_orig[i]
        return self.seg_orig[i] + pos - self.seg_norm[i]

    def from_original(self, pos: int) -> int:
        """The normalised offset of original offset `pos` (a removed character maps to what follows it)."""
        i = bisect_right(self.seg_orig, pos) - 1
        if i < 0:
            return pos
        if self.seg_collapsed[i]:
            return self.seg_norm[i]
        out = self.seg_norm[i] + pos - self.seg_orig[i]
        return min(out, self.seg_norm[i + 1]) if i + 1 < len(self.seg_norm) else min(out, len(self.text))

    def from_original_all(self, positions: list[int]) -> list[int]:
        """`from_original` of each of `positions`.

        The pieces are found by one `map` of bisect (C calls, no bytecode per search): a bisect
        wrapped in Python per position cost more than the rest of the mapping.
        """
        seg_orig, seg_norm, collapsed = self.seg_orig, self.seg_norm, self.seg_collapsed
        caps = (*seg_norm[1:], len(self.text))  # a piece's characters never map past the next piece
        out = []
        for pos, after in zip(positions, map(bisect_right, repeat(seg_orig), positions), strict=True):
            i = after - 1
            if i < 0:
                out.append(pos)
            elif collapsed[i]:
                out.append(seg_norm[i])
            else:
                out.append(min(seg_norm[i] + pos - seg_orig[i], caps[i]))
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the normalised [start, end); end > start."""
        return self.to_original(start), self.to_original(end - 1) + 1

    def to_original_all(self, positions: list[int]) -> list[int]:
        """`to_original` of each of `positions`, the pieces found as in `from_original_all`."""
        seg_norm, seg_orig, collapsed = self.seg_norm, self.seg_orig, self.seg_collapsed
        out = []
        for pos, after in zip(positions, map(bisect_right, repeat(seg_norm), positions), strict=True):
            i = after - 1
            if i < 0:
                out.append(pos)
            elif collapsed[i]:
                out.append(seg_orig[i])
            else:
                out.append(seg_orig[i] + pos - seg_norm[i])
        return out


def normalize(original: str, *, lines_are_paragraphs: bool = False) -> Normalized:
    """Normalise `original` for reading figures; see the module docstring.

    `lines_are_paragraphs`: the text holds one paragraph a line (as read from a
    web page or a Word file), so no line break is an OCR or wrapping break.
    """
    joiner = _join_inline_re() if lines_are_paragraphs else _JOIN_RE
    text, variable = _rewritten(original)
    if variable:
        return _normalize_variable(original, text, joiner)
    # Kept pieces and dropped runs alternate; offsets by accumulate() over their lengths: tens of
    # thousands of runs in a long text, no match object and no bytecode per run.
    parts = joiner.split(text)
    kept = parts[::2]
    seg_orig = tuple(accumulate(map(len, parts), initial=0))[::2]
    seg_norm = tuple(accumulate(map(len, kept[:-1]), initial=0))
    return Normalized(original, "".join(kept), text, seg_norm, seg_orig, (False,) * len(seg_norm))


def _normalize_variable(original: str, text: str, joiner: re.Pattern[str]) -> Normalized:
    """The general path, for text holding characters whose NFKC form has another length."""
    pieces: list[str] = []
    seg_norm: list[int] = [0]
    seg_orig: list[int] = [0]
    seg_collapsed: list[bool] = [False]
    pos = 0  # in `text`, which has the original's offsets
    npos = 0  # in the normalised output
    events = sorted(
        [(m.start(), m.end(), "") for m in joiner.finditer(text)]
        + [(m.start(), m.end(), m.group(0)) for m in _VAR_RE.finditer(text)]
    )
    for start, end, var in events:
        if start < pos:
            continue
        pieces.append(text[pos:start])
        npos += start - pos
        if var:
            repl = unicodedata.normalize("NFKC", var)
            seg_norm.append(npos)
            seg_orig.append(start)
            seg_collapsed.append(True)
            pieces.append(repl)
            npos += len(repl)
        seg_norm.append(npos)
        seg_orig.append(end)
        seg_collapsed.append(False)
        pos = end
    pieces.append(text[pos:])
    return Normalized(original, "".join(pieces), text, tuple(seg_norm), tuple(seg_orig), tuple(seg_collapsed))
