"""Scanning normalised Chinese text for figures: value, unit, bound and span.

`scan` runs `patterns.NUMBER_RE` once over the text and turns each candidate
into a `Figure`, or drops it when it is not a claim (see `filters`).  Spans
are offsets into the normalised text; the caller maps them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from checker.extract import filters
from checker.extract.bounds import interval
from checker.extract.cjk_numerals import DIGITS, parse_cjk
from checker.extract.lexicon import (
    GAPPED_PREFIXES,
    MEASURE_NOT_BEFORE,
    NEARLY_WORDS,
    PREFIX_BOUNDS,
    PREFIX_NOT_AFTER,
    SUFFIX_BOUNDS,
)
from checker.extract.patterns import MORE_MONTHS, NUMBER_RE, START_RE, trie_regex
from checker.models import Bound, Interval
from checker.units import UNIT_WORDS

_MULTIPLIERS: Final[dict[str, float]] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
}
# Bound words are matched on the reversed text before a figure: a trie anchored at its start.
_PREFIX_REV_RE: Final[re.Pattern[str]] = re.compile(trie_regex(w[::-1] for w in PREFIX_BOUNDS))
_GAPPED_CHARS: Final[frozenset[str]] = frozenset("".join(GAPPED_PREFIXES))
_GAPPED_RE: Final[re.Pattern[str]] = re.compile(
    "(" + "|".join(sorted(GAPPED_PREFIXES, key=len, reverse=True)) + r")[\u4e00-\u9fff]{1,3}\Z"
)
_DURATIONS_WITH_MORE: Final[frozenset[str]] = frozenset({"year", "month", "day", "week", "hour"})


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


@dataclass(slots=True)
class _Number:
    value: float
    precision: float  # place of the last written digit
    step: float  # place of the last non-zero digit
    cn: bool = False
    text: str = ""


def _arabic(text: str, mult: str | None) -> _Number | None:
    digits = text.replace(",", "")
    if len(digits) > _MAX_DIGITS:
        return None  # a serial number or a run of digits, not a stated figure
    factor = _MULTIPLIERS[mult] if mult else 1.0
    if "." in digits:
        whole, frac = digits.split(".", 1)
        precision = 10.0 ** -len(frac)
        nonzero = frac.rstrip("0")
        step = 10.0 ** -len(nonzero) if nonzero else _int_step(whole)
    else:
        precision = 1.0
        step = _int_step(digits)
    # Decimal keeps "2.01万亿" at 2.01e12 exactly rather than 2009999999999.9998
    return _Number(float(Decimal(digits) * Decimal(factor)), precision * factor, step * factor, text=text)


_MAX_DIGITS: Final[int] = 24
_MAX_VALUE: Final[int] = 10**24
_BARE_MULTIPLIERS: Final[dict[str, int]] = {"百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
# Words that make a bare multiplier a figure; those not among the prefix bounds bound it here.
_BARE_BOUNDS: Final[dict[str, Bound]] = {"上": Bound.GE, "过": Bound.GT}


def _bare_bound(text: str, start: int) -> Bound | None:
    """The bound a bare 百/千/万 takes from the word before it; None when it is not a figure."""
    before = text[start - 1 : start]
    if before in _BARE_BOUNDS:
        return _BARE_BOUNDS[before]
    _, bound, _ = _prefix(text, start)
    return bound


def _scaled(num: _Number, factor: float) -> _Number:
    return _Number(num.value * factor, num.precision * factor, num.step * factor, num.cn, num.text)


def _int_step(digits: str) -> float:
    stripped = digits.rstrip("0")
    return 10.0 ** (len(digits) - len(stripped)) if stripped else 1.0


def _chinese(text: str) -> _Number | None:
    whole, dot, fraction = text.partition("点")
    if dot:
        # "二十一点九": the whole part as a numeral, the fraction digit by digit.
        head = _chinese(whole) if whole not in ("零", "〇", "○") else _Number(0.0, 1.0, 1.0, cn=True)
        if head is None or not fraction or any(ch not in DIGITS for ch in fraction):
            return None
        digits = "".join(str(DIGITS[ch]) for ch in fraction)
        value = float(Decimal(int(head.value)) + Decimal(f"0.{digits}"))
        place = 10.0 ** -len(digits)
        return _Number(value, place, place, cn=True, text=text)
    parsed = parse_cjk(text)
    if parsed is None or parsed.value > _MAX_VALUE:
        return None
    if len(text) > 1 and all(ch in DIGITS for ch in text):
        # digit by digit: only years are written so ("二〇二四年"); a pair like 两三 is handled by the caller
        return _Number(float(parsed.value), 1.0, 1.0, cn=True, text=text)
    return _Number(float(parsed.value), float(parsed.place), float(parsed.place), cn=True, text=text)


def _number(ar: str | None, mult: str | None, cn: str | None) -> _Number | None:
    if ar is not None:
        return _arabic(ar, mult)
    if cn is not None:
        return _chinese(cn)
    return None


def _prefix(text: str, start: int) -> tuple[int, Bound | None, bool]:
    """The bound word before `start`: (new start, bound, nearly)."""
    window = text[max(0, start - 6) : start]
    m = _PREFIX_REV_RE.match(window[::-1])
    while m:
        word = m.group(0)[::-1]
        at = start - len(word)
        before = text[at - 1] if at > 0 else ""
        if not (word in PREFIX_NOT_AFTER and before and before in PREFIX_NOT_AFTER[word]):
            return at, PREFIX_BOUNDS[word], word in NEARLY_WORDS
        # 附近, 节约: try a shorter bound word
        m = _PREFIX_REV_RE.match(window[::-1][: len(word) - 1]) if len(word) > 1 else None
    if _GAPPED_CHARS.isdisjoint(window):
        return start, None, False
    g = _GAPPED_RE.search(window)
    if g:
        return start - len(window) + g.start(), PREFIX_BOUNDS[g.group(1)], False
    return start, None, False


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


@dataclass(slots=True)
class _Read:
    """The number part of a candidate, before its unit is resolved."""

    num: _Number
    upper: _Number | None = None  # the upper figure of a range
    exact: bool = False  # fractions have no rounding
    bare: Bound | None = None  # the bound a bare multiplier takes ("上百个")


def _read_number(text: str, start: int, g: tuple[str | None, ...]) -> _Read | None:
    """Value, precision and range of the number at `start`; groups as in NUMBER_RE."""
    par, pcn, fdar, fdcn, fnar, fncn, aar, amul, acn, sep, bar, bmul, bcn = g[:13]
    mul2 = g[14]
    if par is not None or pcn is not None:
        num = _number(par, None, pcn)
        return None if num is None else _Read(num)
    if fdar is not None or fdcn is not None:
        den = _number(fdar, None, fdcn)
        nom = _number(fnar, None, fncn)
        if den is None or nom is None or den.value == 0:
            return None
        return _Read(_Number(nom.value / den.value, 0.0, 0.0, cn=den.cn), exact=True)
    read = _Read(_Number(0.0, 1.0, 1.0))
    num = _number(aar, amul, acn)
    if num is None and acn in _BARE_MULTIPLIERS:
        # "近千人", "超万家", "上百个": a bare multiplier, a figure only after such a word
        read.bare = _bare_bound(text, start)
        if read.bare is None:
            return None
        value = float(_BARE_MULTIPLIERS[acn])
        num = _Number(value, value, value, cn=True, text=acn)
    if num is None:
        return None
    if sep is not None:
        read.upper = _number(bar, bmul, bcn)
        if read.upper is None:
            return None
        if bmul and not amul and num.value * _MULTIPLIERS[bmul] <= read.upper.value:
            num = _scaled(num, _MULTIPLIERS[bmul])  # "3-5万": the upper figure's multiplier applies to both
    elif num.cn and len(num.text) == 2 and num.text[0] in DIGITS and num.text[1] in DIGITS:
        lo, hi = DIGITS[num.text[0]], DIGITS[num.text[1]]
        if not 0 < lo < hi:
            return None  # digit by digit, as years are written: only 年 may follow, and years are no claims
        # "两三个", "三五天": an approximate pair
        read.upper = _Number(float(hi), 1.0, 1.0, cn=True, text=num.text[1])
        num = _Number(float(lo), 1.0, 1.0, cn=True, text=num.text[0])
    if mul2:
        num = _scaled(num, _MULTIPLIERS[mul2])  # "20多万"
    read.num = num
    return read


def _resolve_unit(
    text: str, m: re.Match[str], read: _Read, unit_word: str | None
) -> tuple[str, str, str | None] | None:
    """(unit, kind, measure) of a candidate; None when what follows the number is no unit."""
    amul, bmul, more, mul2, post = m.group(8), m.group(12), m.group(14), m.group(15), m.group(17)
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
            read.num = _scaled(read.num, uw.scale)
            read.upper = None if read.upper is None else _scaled(read.upper, uw.scale)
        return uw.unit, uw.kind, None
    return "count", "count", unit_word


def _figure(text: str, m: re.Match[str]) -> Figure | None:
    start, end = m.span()
    groups = m.groups()
    read = _read_number(text, start, groups)
    if read is None:
        return None
    unit_word, post = groups[15], groups[16]
    more = groups[13] is not None
    if groups[0] is not None or groups[1] is not None:
        if unit_word is not None:
            return None
        unit_word = "‰" if text[start] == "千" else "%"  # 百分之 / 千分之
    elif read.exact:
        if unit_word is not None:
            return None
        unit_word = ""
    resolved = _resolve_unit(text, m, read, unit_word)
    if resolved is None:
        return None
    unit, kind, measure = resolved
    more = more or unit_word == MORE_MONTHS
    if post is not None:
        unit_end = m.start(17)
    elif m.group(16):
        unit_end = m.end(16)
    else:
        unit_end = m.end(15) if groups[14] else end

    if (
        kind == "duration"
        and not more
        and post is None
        and unit in _DURATIONS_WITH_MORE
        and text.startswith("多", end)
    ):
        more, end = True, end + 1  # "两年多"
    if post == "上下" and text[end : end + 1] in ("游", "级", "班", "车", "楼", "半"):
        end, post = end - 2, None  # 上下游: not "about"

    num, upper = read.num, read.upper
    cand = filters.Candidate(
        text=text,
        start=start,
        end=end,
        unit_end=unit_end,
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

    span_start, prefix_bound, nearly = _prefix(text, start)
    if prefix_bound is None and read.bare is not None:
        span_start, prefix_bound = start - 1, read.bare
    if num.cn and num.text in ("一", "壹", "零", "〇") and not (more or prefix_bound or post):
        # the indefinite article (一个, 一次) and 零 in words (零部件) are not counts
        return None
    bound = Bound.EQ
    step = 0.0
    if upper is not None:
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
        upper_value=None if upper is None else upper.value,
        count=unit == "count",
    )
    return Figure(
        start=span_start,
        end=end,
        num_start=start,
        unit_end=unit_end,
        value=num.value,
        unit=unit,
        measure=measure,
        kind=kind,
        bound=bound,
        interval=span,
        cn_numeral=num.cn,
    )
