r"""A document's text as the relation readers see it: OCR line breaks taken out, claims placed in it.

OCR breaks lines (and words) anywhere: "安徽珍珠水泥集\\n\\n团股份有限公司".  The readers
that find sums, lists and growth read the flat text, where whitespace between two
CJK characters is gone and any other run of whitespace is one space (English
words stay apart); every flat position maps back to an offset in the decoded
text, which is what Claim.offset/end are.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property

from checker.extract.lexicon import BRACKET_CLOSERS, BRACKET_OPENERS, CLAUSE_STOPS, SENTENCE_STOPS
from checker.models import Claim

SENTENCE_END = SENTENCE_STOPS
CLAUSE_END = CLAUSE_STOPS
# A noun phrase after a figure ends at punctuation, a digit, or one of these words.
_NOUN_STOP = re.compile(
    r"[\s\d%，,。；;：:、！？!?（）()【】\[\]“”\"'‘’《》]|共|其中|加上|以及|分别|均|已|将|在|是|为|都|达|占|和|与|及|等|的|中"
)
_EN_STOP = {"in", "of", "and", "or", "are", "is", "were", "was", "with", "from", "to", "for", "each", "the"}


_SPACES = re.compile(r"\s+")


_OPENER = re.compile(f"[{re.escape(BRACKET_OPENERS)}]")
_GAP_BREAK = re.compile(r"[\d，,。；;：:、]")


@cache
def _any_of(chars: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(chars)}]")


@cache
def _longest_first(markers: tuple[str, ...]) -> tuple[re.Pattern[str], list[tuple[str, str]]]:
    """Any of the markers in lower case, and each longest first with its lower case.

    Sorting and lowering them was most of a look; most figures have none of them before them,
    which one search tells faster than a look for each.
    """
    pairs = [(m, m.lower()) for m in sorted(markers, key=len, reverse=True)]
    return re.compile("|".join(re.escape(low) for _, low in pairs)), pairs


def _is_ascii_word(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


@dataclass(frozen=True)
class Placed:
    """A claim and its span in the flat text."""

    start: int
    end: int
    claim: Claim


class DocText:
    """One document's flat text, the way back to raw offsets, and its claims in text order."""

    def __init__(self, path: str, raw: str, claims: Iterable[Claim]) -> None:
        self.path = path
        self.raw = raw
        pieces: list[str] = []
        # One entry per whitespace run, not per character: building the two position tables of a
        # short report cost more than placing its claims.  A run [a, b) of the raw text becomes flat
        # positions [at_a, after): a space between two English words, else nothing.
        raw_starts: list[int] = []
        raw_ends: list[int] = []
        flat_starts: list[int] = []
        flat_afters: list[int] = []
        size = 0
        done = 0
        n = len(raw)
        for m in _SPACES.finditer(raw):
            a, b = m.span()
            pieces.append(raw[done:a])
            size += a - done
            raw_starts.append(a)
            raw_ends.append(b)
            flat_starts.append(size)
            if a > 0 and b < n and _is_ascii_word(raw[a - 1]) and _is_ascii_word(raw[b]):
                pieces.append(" ")
                size += 1
            flat_afters.append(size)
            done = b
        pieces.append(raw[done:])
        self.flat = "".join(pieces)
        self._raw_starts = raw_starts
        self._raw_ends = raw_ends
        self._flat_starts = flat_starts
        self._flat_afters = flat_afters
        self.placed = sorted(
            (
                Placed(self.at(c.offset), self.at(c.end), c)
                for c in claims
                if 0 <= c.offset <= c.end <= len(raw)
            ),
            key=lambda p: (p.start, p.end),
        )
        self._starts = [p.start for p in self.placed]

    def at(self, raw_offset: int) -> int:
        """The flat position of a raw offset (inside a whitespace run: where the run is in the flat text)."""
        pos = max(0, min(raw_offset, len(self.raw)))
        i = bisect_right(self._raw_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self._raw_ends[i]:
            return self._flat_starts[i]
        return self._flat_afters[i] + pos - self._raw_ends[i]

    def raw_offset(self, flat_pos: int) -> int:
        """The raw offset of a flat position (a space put in for a run: where the run starts)."""
        pos = max(0, min(flat_pos, len(self.flat)))
        i = bisect_right(self._flat_starts, pos) - 1
        if i < 0:
            return pos
        if pos < self._flat_afters[i]:
            return self._raw_starts[i]
        return self._raw_ends[i] + pos - self._flat_afters[i]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of every sentence in the flat text, end exclusive, boundary included."""
        spans, start = [], 0
        for m in re.finditer(r"[。！？；!?;]|\.(?=\s|$)", self.flat):
            spans.append((start, m.end()))
            start = m.end()
        if start < len(self.flat):
            spans.append((start, len(self.flat)))
        return spans

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [start for start, _ in self.sentences]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """The sentence around a flat position."""
        i = bisect_right(self._sentence_starts, pos) - 1
        if 0 <= i < len(self.sentences) and pos < self.sentences[i][1]:
            return self.sentences[i]
        return len(self.flat), len(self.flat)

    def placed_of(self, claim: Claim) -> Placed | None:
        """Where a claim of this document sits in the flat text."""
        return self._by_ident.get(claim.ident)

    @cached_property
    def _by_ident(self) -> dict[str, Placed]:
        return {p.claim.ident: p for p in self.placed}

    def clause_start(self, pos: int, stops: str = CLAUSE_END) -> int:
        """Where the clause holding `pos` starts: just after the previous clause boundary."""
        n = len(self.flat)
        if 0 < pos <= n and stops:
            # The last boundary before `pos` is the first one from `pos` on in the reversed text: one
            # search in C, where stepping back a character at a time was most of a list's look.
            m = _any_of(stops).search(self._reversed, n - pos)
            return n - m.start() if m else 0
        i = pos
        while i > 0 and self.flat[i - 1] not in stops:
            i -= 1
        return i

    @cached_property
    def _reversed(self) -> str:
        return self.flat[::-1]

    def claims_in(self, start: int, end: int) -> list[Placed]:
        """Claims whose span starts in [start, end)."""
        return self.placed[bisect_left(self._starts, start) : bisect_left(self._starts, end)]

    def in_brackets(self, p: Placed) -> bool:
        """True when the claim sits inside (...) in its sentence: an aside, not a part."""
        start, _ = self.sentence_of(p.start)
        head = self.flat[start : p.start]
        if not _OPENER.search(head):
            return False  # most sentences: no bracket to count through
        depth = 0
        for ch in head:
            if ch in BRACKET_OPENERS:
                depth += 1
            elif ch in BRACKET_CLOSERS:
                depth = max(0, depth - 1)
        return depth > 0

    def noun_after(self, p: Placed, limit: int = 12) -> str:
        """The noun phrase right after a figure ("14个产业链联盟" → 产业链联盟; "20 key tasks" → key task)."""
        return self.noun_span(p, limit)[0]

    def noun_span(self, p: Placed, limit: int = 12) -> tuple[str, int]:
        """The noun phrase after a figure (English: lower case, singular) and where it ends."""
        tail = self.flat[p.end : p.end + 40]
        if tail[:1].isascii() and tail[:1] != "":
            kept: list[str] = []
            end = 0
            for m in re.finditer(r"\s*([A-Za-z][A-Za-z-]*)", tail):
                if m.start() != end or m.group(1).lower() in _EN_STOP or len(kept) == 4:
                    break
                kept.append(m.group(1).lower())
                end = m.end()
            if kept:
                kept[-1] = kept[-1].removesuffix("s")
            return " ".join(kept), p.end + end
        stop = _NOUN_STOP.search(tail)
        noun = tail[: stop.start() if stop else limit][:limit]
        return noun, p.end + len(noun)

    def marker_before(self, p: Placed, markers: tuple[str, ...], gap: int = 2) -> str | None:
        """A marker word that ends at most `gap` characters (no punctuation) before the claim."""
        head = self.flat[max(0, p.start - gap - 22) : p.start].lower()
        any_marker, longest_first = _longest_first(markers)
        if any_marker.search(head) is None:
            return None
        for marker, lowered in longest_first:
            at = head.rfind(lowered)
            if at < 0:
                continue
            between = head[at + len(marker) :]
            if len(between.strip()) <= gap and not _GAP_BREAK.search(between):
                return marker
        return None

    def unread_figure(self, start: int, end: int, measure: str | None) -> bool:
        """True when [start, end) holds a figure no claim covers: a part the extractor missed.

        A sum read without one of its parts would be a false error; better not to judge it.
        """
        covered = [(p.start, p.end) for p in self.claims_in(max(0, start - 40), end)]
        arabic = r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])"
        figure = (
            rf"(?:{arabic}|[一二两三四五六七八九十百千]+)\s*{re.escape(measure)}"
            if measure
            else rf"{arabic}(?!\s*[年月日号])"
        )
        for m in re.finditer(figure, self.flat[start:end]):
            at = start + m.start()
            if not any(a <= at < b for a, b in covered):
                return True
        return False
