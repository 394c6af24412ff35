"""The period of every figure: which time expression governs it, what that means, point or span.

The governing expression, nearest first:

1. in English, "in 2018" / "as of June" right after the figure ("from 159.24
   points in 2018 to 409.89 points in 2023");
2. the last expression in the figure's own clause, since the previous figure
   ("从2018年的159.24分提高到2023年的409.89分": 2018, then 2023) — never a
   comparison base (比上年, 与2020年相比);
3. an earlier expression of the same sentence (across ；);
4. the time a sentence of the same paragraph opened with ("过去一年，……。");
5. the time in the heading of the section ("一、过去一年工作回顾").

Relative words (今年, 去年, 过去五年) are read against the document date;
words relative to the context (全年, 年底, 上半年, 6月底) against the year the
sentence, paragraph or section is about, else the document's.  Without a
date they give an unknown period marked relative.  The kind: a moment (底,
末, 截至, as of, or a stock such as 余额, 储备) or a span (ranges, 全年, 以来,
or a flow such as 新增, 增长, 产量: `periodkind`); a period whose kind the text
leaves open is a span when it covers a stretch of time.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Final, NamedTuple

from checker.extract.layout import Layout, layout_of, positions
from checker.extract.ordered import left_from, right_from
from checker.extract.periodkind import to_period
from checker.extract.timeread import read
from checker.extract.timewords import Anchors, Ref, is_base, match_at, scan
from checker.models import PartialDate, Period

_SENTENCE_ENDS: Final[str] = "。!！?？\n"
_OPENING_RE: Final[re.Pattern[str]] = re.compile(r"[ \t\u3000]*(?:其中|同时|此外|另外|而|在|从|自)?[，,]?")
_EN_AFTER_RE: Final[re.Pattern[str]] = re.compile(
    r"\s+(?=(?:in|during|as of|at the end of|by|for|this|last|next) )", re.I
)
_CHANGE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:增长|增加|减少|下降|提高|降低|上升|回落|翻)(?![到至])[^，。；]{0,6}\Z"
)
_ANNUAL_RE: Final[re.Pattern[str]] = re.compile(r"年均|平均每年|每年平均|average annual", re.I)
_FROM_RE: Final[re.Pattern[str]] = re.compile(r"(?:由|从)[^，。；\d]{0,4}\Z")
_MAX_OPENING: Final[int] = 4


class Timed(NamedTuple):
    """A figure's period and the expression it came from (None when the text gives none)."""

    period: Period
    ref: Ref | None
    sentence_start: int = 0


class Periods:
    """Resolves the period of each figure of one normalised text, in order."""

    def __init__(self, text: str, date: PartialDate | None, layout: Layout | None = None) -> None:
        self.text = text
        self.date = date
        self.bare = Anchors(date, None)
        # Sentence ends, found in one pass: a figure's sentence start is a bisect, not a backward search.
        self._ends = positions(text, _SENTENCE_ENDS)
        self._openings: dict[int, Ref | None] = {}
        # Per paragraph (index of its first sentence end): how far its openings were read, the last one.
        self._read_to: dict[int, tuple[int, Ref | None]] = {}
        self._firsts: dict[tuple[int, int], Ref | None] = {}
        self._anchors: dict[int | None, Anchors] = {}
        # Figures of one sentence share their paragraph's context: read it once per sentence.
        self._framed: dict[int, Ref | None] = {}
        # Figures come in text order: where the last one's paragraph and sentence were found.
        self._last_start = 0
        self._hints = (0, 0)
        layout = layout or layout_of(text)
        self.headings = [(a, self._first(a, b)) for a, b in layout.headings]
        self.heading_starts = [h for h, _ in self.headings]
        self.paragraphs = sorted({0, *layout.paragraphs, *(b for _, b in layout.headings)})

    def _first(self, lo: int, hi: int, at: Anchors | None = None) -> Ref | None:
        for m in scan(self.text, lo, hi):
            ref = read(m, self.text, at or self.bare)
            if _frames(ref):
                return ref
        return None

    def _opening(self, sent_start: int) -> Ref | None:
        """The time a sentence opens with ("2004年，", "过去一年，", "今年以来，")."""
        if sent_start not in self._openings:
            lead = _OPENING_RE.match(self.text, sent_start)
            pos = lead.end() if lead else sent_start
            m = match_at(self.text, pos) if pos - sent_start <= _MAX_OPENING else None
            ref = read(m, self.text, self.bare) if m and m.group(0).strip() else None
            useful = ref is not None and _frames(ref)
            self._openings[sent_start] = ref if useful else None
        return self._openings[sent_start]

    def _paragraph(self, para_start: int, sent_start: int) -> Ref | None:
        """The last time an earlier sentence of the paragraph opened with, else the first sentence's time."""
        if para_start >= sent_start:
            return None
        ends = self._ends
        lo = bisect_left(ends, para_start)
        # the sentences after the ends in [para_start, sent_start - 1) start before this one
        found = self._last_opening(lo, bisect_left(ends, sent_start - 1)) or self._opening(para_start)
        first_end = ends[lo] + 1 if lo < bisect_left(ends, sent_start) else sent_start
        if found is None:
            # every later sentence of the paragraph falls back on the same first sentence: read it once
            key = (para_start, first_end)
            if key not in self._firsts:
                self._firsts[key] = self._first(para_start, first_end)
            found = self._firsts[key]
        return found

    def _last_opening(self, lo: int, hi: int) -> Ref | None:
        """The last opening of the sentences after ends[lo:hi], read on from where the paragraph's last figure left off.

        Figures come in text order, so each sentence of a paragraph is read once, not once per later figure.
        """
        done, last = self._read_to.get(lo, (lo, None))
        if hi < done:
            return next(
                filter(None, (self._opening(self._ends[j] + 1) for j in range(hi - 1, lo - 1, -1))), None
            )
        for j in range(done, hi):
            last = self._opening(self._ends[j] + 1) or last
        self._read_to[lo] = (hi, last)
        return last

    def _section(self, pos: int) -> Ref | None:
        i = bisect_right(self.heading_starts, pos) - 1
        return self.headings[i][1] if i >= 0 else None

    def context(self, start: int) -> tuple[int, Ref | None]:
        """The sentence start (。-level) of a figure, and the time its context is about."""
        paragraphs, ends = self.paragraphs, self._ends
        if start < self._last_start:
            self._hints = (0, 0)  # out of order: search from the start again
        self._last_start = start
        p = right_from(paragraphs, start, self._hints[0])
        i = left_from(ends, start, self._hints[1])
        self._hints = (p - 1, i)
        para_start = paragraphs[p - 1]
        # after the last sentence end at most 400 characters back, else 400 back
        reach = max(0, start - 400)
        i -= 1
        sent_start = max(ends[i] + 1 if i >= 0 and ends[i] >= reach else reach, para_start)
        # Figures of one sentence share its paragraph too (a later paragraph would start after the
        # sentence's first figure), so what frames the sentence is read once per sentence.
        try:
            framed = self._framed[sent_start]
        except KeyError:
            framed = self._opening(sent_start) or self._paragraph(para_start, sent_start)
            self._framed[sent_start] = framed
        return sent_start, framed or self._section(start)

    def _after(self, end: int, english: bool, at: Anchors) -> Ref | None:
        """An expression right after the figure: "409.89 points in 2023", "10个2024年度……项目"."""
        if english:
            after = _EN_AFTER_RE.match(self.text, end)
            m = match_at(self.text, after.end()) if after else None
        else:
            m = match_at(self.text, end)
            m = m if m is not None and m.group("abs") and not m.group("lead") else None
        return read(m, self.text, at) if m else None

    def resolve(self, start: int, end: int, own_start: int, english: bool) -> Timed:
        """The period of the figure at [start, end) whose own clause starts at `own_start`."""
        sent_start, ctx = self.context(start)
        year = _single_year(ctx)
        at = self._anchors.get(year) or self._anchors.setdefault(year, Anchors(self.date, year))
        ref = self._after(end, english, at) or self._last(own_start, start, at)
        if ref is None:
            ref = self._opening(sent_start)
            if ref is None and own_start > sent_start:  # an empty stretch holds no expression
                ref = self._last(sent_start, own_start, at)
            ref = ref or ctx
        if ref is None:
            return Timed(NO_PERIOD, None, sent_start)
        ref = self._refine(ref, ctx, (sent_start, own_start, start), at)
        cue = self.text[max(own_start - 12, sent_start) : start] + self.text[end : end + 4]
        return Timed(to_period(ref, cue), ref, sent_start)

    def _refine(self, ref: Ref, ctx: Ref | None, where: tuple[int, int, int], at: Anchors) -> Ref:
        """The span a figure covers when its words say more than its year.

        A bare count of years ("五年新增") or an annual average takes the
        context's span when that is as long; a figure compared with a base
        year ("比1995年增长69%") covers the years after the base up to its own;
        the start figure of "由A增加到B" after "1986年同1978年相比" takes the base year.
        """
        sent_start, own_start, start = where
        many = ctx is not None and _years(ctx) > 1
        if (
            ctx is not None
            and many
            and (ref.years == _years(ctx) or _ANNUAL_RE.search(self.text, own_start, start))
        ):
            return ctx if _years(ref) <= 1 or ref.years else ref
        if _years(ref) != 1 or ref.first is None or ref.last is None:
            return ref
        # the base matters only after 由/从 or a change verb: the sentence is scanned for it only then
        from_base = _FROM_RE.search(self.text, own_start, start) is not None
        if not from_base and not _CHANGE_RE.search(self.text, own_start, start):
            return ref
        base = self._last_base(sent_start, start, at)
        if base is None or base.first is None:
            return ref
        if from_base:
            return base
        if base.first[0] < ref.first[0]:
            first = (base.first[0] + 1, 1, 1)
            return Ref(ref.text, ref.start, ref.end, first, ref.last, span=True, relative=ref.relative)
        return ref

    # Both read from the last expression back and stop at the first that qualifies: whether one is a
    # base depends on its place only (`is_base`), so the earlier ones need not be read.

    def _last_base(self, lo: int, hi: int, at: Anchors) -> Ref | None:
        """The last comparison base of one year before `hi` (比1995年, 同1978年相比)."""
        for m in reversed(scan(self.text, lo, hi)):
            if is_base(self.text, m.start(), m.end()):
                ref = read(m, self.text, at)
                if _years(ref) == 1:
                    return ref
        return None

    def _last(self, lo: int, hi: int, at: Anchors) -> Ref | None:
        for m in reversed(scan(self.text, lo, hi)):
            if not is_base(self.text, m.start(), m.end()):
                return read(m, self.text, at)
        return None


# No period: one shared instance (the model is frozen), not a new one per figure without a time.
NO_PERIOD: Final[Period] = Period()


def _single_year(ref: Ref | None) -> int | None:
    if ref is None or ref.first is None or ref.last is None or ref.first[0] != ref.last[0]:
        return None
    return ref.first[0]


def _frames(ref: Ref) -> bool:
    """Whether an expression can frame a sentence, paragraph or section (not 比上年, 全年, 目前)."""
    return not ref.base and not ref.contextual and not ref.now


def _years(ref: Ref) -> int:
    """How many calendar years an expression covers (0 when it has no bounds)."""
    if ref.first is None or ref.last is None:
        return 0
    return ref.last[0] - ref.first[0] + 1


def year_of(period: Period) -> int | None:
    """The period's year when it lies within one year (a five-year span has none)."""
    if period.start is None or period.end is None or period.start[:4] != period.end[:4]:
        return None
    return int(period.start[:4])
