"""Scanning normalised Chinese text for figures: value, unit, bound and span.

`scan` runs `patterns.NUMBER_RE` once over the text and turns each candidate
into a `Figure`, or drops it when it is not a claim (see `filters`).  Spans
are offsets into the normalised text; the caller maps them back.  The number
part is read by `numerals`, the bound word before it by `prefixes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from checker.extract import filters
from checker.extract.bounds import interval
from checker.extract.lexicon import MEASURE_NOT_BEFORE, SUFFIX_BOUNDS
from checker.extract.numerals import Read, read_number, scaled
from checker.extract.patterns import MORE_MONTHS, NUMBER_RE, START_RE
from checker.extract.prefixes import prefix
from checker.models import Bound, Interval
from checker.units import UNIT_WORDS

_DURATIONS_WITH_MORE: Final[frozenset[str]] = frozenset({"year", "month", "day", "week", "hour"})
# 上下 before these is a word of its own (上下游, 上下级), not "about".
_NOT_ABOUT: Final[tuple[str, ...]] = ("游", "级", "班", "车", "楼", "半")


@dataclass(slots=True)
class Figure:
    """A figure found in the normalised text."""

    start: int  # span start, bound words included
    end: int
    num_start: int  # where the number itself starts
    unit_end: int  # end of number and unit, trailing bound word excluded
    value: float
    unit: str
    measure: str | None
    kind: str
    bound: Bound
    interval: Interval
    cn_numeral: bool = False
    subject: str | None = None  # set by scanners that know it (English), else found by the context rules


_Groups = tuple[str | None, ...]  # the groups of a NUMBER_RE match


def scan(text: str) -> list[Figure]:
    """Every figure in normalised Chinese text, in order."""
    figures: list[Figure] = []
    done = 0
    match = NUMBER_RE.match
    for cand in START_RE.finditer(text):
        start = cand.start()
        if start < done:
            continue
        m = match(text, start)
        if m is None:
            continue
        done = m.end()
        fig = _figure(text, m)
        if fig is not None:
            figures.append(fig)
    return figures


def _resolve_unit(
    text: str, m: re.Match[str], g: _Groups, read: Read, unit_word: str | None
) -> tuple[str, str, str | None] | None:
    """(unit, kind, measure) of a candidate; None when what follows the number is no unit."""
    amul, bmul, more, mul2, post = g[7], g[11], g[13], g[14], g[16]
    if unit_word == MORE_MONTHS:
        return "month", "duration", None
    if unit_word == "":
        return "ratio", "ratio", None
    if unit_word is None:
        # a bare number is a figure only with a multiplier or a bound word: "200万", "1.9以内", "2亿多"
        if read.num.cn or (read.upper is not None and not bmul) or not (amul or more or post):
            return None
        return ("count", "count", None) if amul or mul2 else ("ratio", "ratio", None)
    follower = text[m.end(16) : m.end(16) + 1]
    if follower and follower in MEASURE_NOT_BEFORE.get(unit_word, ""):
        return None
    if unit_word in UNIT_WORDS:
        uw = UNIT_WORDS[unit_word]
        if uw.scale != 1.0:
            read.num = scaled(read.num, uw.scale)
            read.upper = None if read.upper is None else scaled(read.upper, uw.scale)
        return uw.unit, uw.kind, None
    return "count", "count", unit_word


def _figure(text: str, m: re.Match[str]) -> Figure | None:
    start = m.start()
    g = m.groups()  # group n is g[n - 1]: one tuple rather than a method call per look
    read = read_number(text, start, g)
    if read is None:
        return None
    unit_word, allowed = _unit_word(text, start, g, read)
    resolved = _resolve_unit(text, m, g, read, unit_word) if allowed else None
    if resolved is None:
        return None
    unit, kind, measure = resolved
    more = g[13] is not None or unit_word == MORE_MONTHS
    end, more, post = _tail(text, m.end(), unit, kind, more=more, post=g[16])
    num, upper = read.num, read.upper
    cand = filters.Candidate(
        text=text,
        start=start,
        end=end,
        unit_end=_unit_end(m, g),
        number=num.text or "",
        cn=num.cn,
        unit_word=unit_word or "",
        unit=unit,
        kind=kind,
        has_bound_word=bool(post or more),
        is_range=upper is not None,
        value=num.value,
    )
    if not filters.keep(cand):
        return None
    bounded = _bound(text, start, read, more=more, post=post, count=unit == "count")
    if bounded is None:
        return None
    span_start, bound, span = bounded
    return Figure(
        start=span_start,
        end=end,
        num_start=start,
        unit_end=cand.unit_end,
        value=num.value,
        unit=unit,
        measure=measure,
        kind=kind,
        bound=bound,
        interval=span,
        cn_numeral=num.cn,
    )


def _unit_word(text: str, start: int, g: _Groups, read: Read) -> tuple[str | None, bool]:
    """The unit word of a candidate, implied for 百分之 and fractions, and whether the candidate may stand."""
    unit_word = g[15]
    if g[0] is not None or g[1] is not None:
        return ("‰" if text[start] == "千" else "%"), unit_word is None  # 百分之 / 千分之
    if read.exact:
        return "", unit_word is None
    return unit_word, True


def _unit_end(m: re.Match[str], g: _Groups) -> int:
    """The end of number and unit, a trailing bound word excluded."""
    if g[16] is not None:
        return m.start(17)
    if g[15]:
        return m.end(16)
    return m.end(15) if g[14] else m.end()


def _tail(
    text: str, end: int, unit: str, kind: str, *, more: bool, post: str | None
) -> tuple[int, bool, str | None]:
    """(end, more, bound word after) once a trailing 多 ("两年多") or a 上下 that is no bound word is read."""
    if (
        kind == "duration"
        and not more
        and post is None
        and unit in _DURATIONS_WITH_MORE
        and text.startswith("多", end)
    ):
        more, end = True, end + 1  # "两年多"
    if post == "上下" and text[end : end + 1] in _NOT_ABOUT:
        end, post = end - 2, None  # 上下游: not "about"
    return end, more, post


def _bound(
    text: str, start: int, read: Read, *, more: bool, post: str | None, count: bool
) -> tuple[int, Bound, Interval] | None:
    """(span start, bound, interval) from the bound words around the number; None for 一个, 零部件."""
    num = read.num
    span_start, prefix_bound, nearly = prefix(text, start)
    if prefix_bound is None and read.bare is not None:
        span_start, prefix_bound = start - 1, read.bare
    if num.cn and num.text in ("一", "壹", "零", "〇") and not (more or prefix_bound or post):
        # the indefinite article (一个, 一次) and 零 in words (零部件) are not counts
        return None
    bound = Bound.EQ
    step = 0.0
    if read.upper is not None:
        bound = Bound.RANGE
    elif more:
        bound, step = Bound.GT, num.step
    elif post is not None:
        bound = SUFFIX_BOUNDS[post]
        if prefix_bound is Bound.GT and bound is Bound.GE:
            bound = Bound.GT  # "超过100个以上" says more than
        nearly = False
    elif prefix_bound is not None:
        bound = prefix_bound
    if prefix_bound is None or bound is Bound.RANGE:
        span_start = start
    span = interval(
        num.value,
        bound,
        0.0 if read.exact else num.precision,
        step=step,
        nearly=nearly,
        upper_value=None if read.upper is None else read.upper.value,
        count=count,
    )
    return span_start, bound, span
