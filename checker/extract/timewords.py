"""Time expressions, Chinese and English, and what each one means given an anchor year.

`scan` finds the expressions of a stretch of normalised text; `Ref` is one of
them, read: absolute (2018年, 2011—2022年, 截至2023年底, "九五"期间, in 2018),
relative to the document date (今年, 去年, 过去五年, last year), or relative to
the year the context is about (全年, 年底, 上半年, 6月底: the anchor).  A year
written with OCR spaces ("1 9 9 7年") or in Chinese numerals (一九七八年) is a
year too.  Comparison bases (比上年, 与2020年相比, than in 2018) are marked, so a
figure never takes the year it is compared with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, NamedTuple

from checker.extract.cjk_numerals import parse_cjk
from checker.models import PartialDate

_CJK_DIGIT_TABLE: Final[dict[int, int]] = str.maketrans("〇零○一二三四五六七八九", "000123456789")
_YEAR: Final[str] = r"(?:(?:1 ?[89]|2 ?0) ?\d ?\d|[一二三四五六七八九][〇零○一二三四五六七八九]{3})"
_N: Final[str] = r"[\d一二两三四五六七八九十]{1,3}"
_M: Final[str] = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_MONTHS_EN: Final[str] = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
)
_SUFFIX: Final[str] = (
    r"(?:度|年底|年末|年初|上半年|下半年|前三季度|第?[一二三四1-4]季度|底|末|初|以来|以前|之前|前|内|起|份)?"
)

# One alternation, longest forms first; the groups say which form matched.
TIME_RE: Final[re.Pattern[str]] = re.compile(
    rf"(?P<range>(?:从|自)?(?P<r1>{_YEAR}) ?年?(?:—|–|-|~|～|至|到) ?(?P<r2>{_YEAR}) ?年(?:间|期间)?)"
    rf"|(?P<plan>[“\"‘]?(?P<pn>[一二三四五六七八九十]{{1,3}})五[”\"’]?(?=期间|时期|计划|规划|末|以来)"
    rf"|[“\"‘](?P<pq>[一二三四五六七八九十]{{1,3}})五[”\"’]|第(?P<pk>[一二三四五六七八九十]{{1,3}})个五年计划)"
    rf"|(?P<abs>(?P<lead>截至|截止到?|到|至|于|在|自|从)?(?P<y>{_YEAR}) ?年"
    rf"(?: ?(?P<m>{_M}) ?月(?: ?(?P<d>[0-3]?\d|[一二三]?十?[一二三四五六七八九]?) ?日|(?P<mend>底|末)|份)?)?(?P<suf>{_SUFFIX}))"
    # rel: every form holds one of 年季目现当迄今至 within 9 characters of its start ("近 123 年"), looked
    # for by a possessive run of other characters (one test a character, no backtracking)
    rf"|(?P<rel>(?=[^年季目现当迄今至]{{0,8}}+[年季目现当迄今至])(?:截至目前|截至今年|今年以来|今年|本年度?|去年|上年度?|前年|明年|来年|当年|全年|(?<![\d一二两三四五六七八九十])年(?:内|底|末|初)"
    r"|上半年|下半年|前三季度|第?[一二三四]季度|前[二两三]季度|目前|现在|当前|迄今|至今"
    rf"|(?:过去|近|最近|前|这)(?:的)? ?(?P<past>{_N}) ?年(?:来|间|里|中)?|(?P<since>{_N}) ?年(?:多)?来"
    rf"|(?P<pastn>{_N}) ?年(?=中|里|间|共|累计)|(?<=[，,。；;：:\n])(?P<pastc>{_N}) ?年(?![来前后多左以的就才即再半度底末初])(?=[\u4e00-\u9fff])|(?:未来|今后|后)(?P<next>{_N}) ?年|过去一年|一年来|这一年))"
    rf"|(?P<month>(?P<mlead>截至|截止到?|到)?(?P<m1>{_M}) ?(?:[—\-~至到] ?(?P<m2>{_M}) ?)?月(?P<msuf>底|末|份|上旬|中旬|下旬)?)"
    # English forms start with a letter, a space or a year (the lookaheads skip them in Chinese text)
    rf"|(?P<en>(?=[\sa-z12])\b(?P<enlead>in|during|for|since|by|until|through|as of|at the end of|end of|before)?\s*"
    rf"(?:(?P<enhalf>the (?:first|second) half of )|(?P<enmon>{_MONTHS_EN}) )?(?P<eny>(?:19|20)\d{{2}})\b"
    rf"(?:\s*(?:-|–|—|to|through)\s*(?P<eny2>(?:19|20)\d{{2}})\b)?)"
    rf"|(?P<enrel>(?=[a-z])(?:\b(?:this|last|next|the past|the previous) year\b|\bas of (?:the end of )?(?P<asof>{_MONTHS_EN})\b"
    r"|\b(?:over|in|during) the (?:past|last) (?P<enpast>\w+) years\b|\bthe first half\b))",
    re.IGNORECASE,
)
_BASE_BEFORE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:比|较|相比于?|同比|比上|低于|高于|超过|than|from|compared (?:with|to))\s*\Z"
)
_BASE_AFTER_RE: Final[re.Pattern[str]] = re.compile(
    # No \A: it never matches at a `pos` other than 0, and this is matched at the year's end.
    r"(?:同期)?(?:相比|相较|比较|对比)|[^，。；,;]{0,12}的[\d.一二两三四五六七八九十]+倍"
)
_EN_NUMBERS: Final[dict[str, int]] = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip


class Ref(NamedTuple):
    """A time expression, read: years relative to the document or to the anchor, or absolute.

    `first`/`last` are (year, month, day) bounds, month and day None for whole
    years; for relative forms they are filled in by `resolve`.  `point` marks
    a moment (底, 末, 截至, as of, 目前); `span` a stretch (ranges, 全年, 以来).
    """

    text: str
    start: int
    end: int
    first: tuple[int, int, int] | None
    last: tuple[int, int, int] | None
    point: bool = False
    span: bool = False
    relative: bool = False
    base: bool = False
    future: bool = False
    contextual: bool = False  # read against the context's year (全年, 年底, 6月底), so it cannot set one
    now: bool = False  # 目前, 现在: true of the document's moment, too weak to frame a paragraph
    years: int = 0  # a bare count of past years (五年内, "五年全社会……"): the context's span if as long


def year_of(raw: str) -> int:
    """A year as written: "2018", "1 9 9 7" or "一九七八"."""
    return int(raw.replace(" ", "").translate(_CJK_DIGIT_TABLE))


def number_of(raw: str) -> int | None:
    """A small count as written: "5", "五", "十二"."""
    raw = raw.strip()
    if raw.isdigit():
        return int(raw)
    if raw.lower() in _EN_NUMBERS:
        return _EN_NUMBERS[raw.lower()]
    parsed = parse_cjk(raw.replace("两", "二"))
    return None if parsed is None else int(parsed[0])


def is_base(text: str, start: int, end: int) -> bool:
    """Whether the expression at [start, end) is what a figure is compared with."""
    return bool(_BASE_BEFORE_RE.search(text[max(0, start - 14) : start])) or bool(
        _BASE_AFTER_RE.match(text, end)
    )


# Every match of TIME_RE holds one of these (年 月 五 季 目前 现在 当前 迄今 至今, a year 19xx/20xx, or the
# "a" of year/half/as of): a stretch without any has no time expression, and none starts after the last
# one.  One class first and no IGNORECASE ("a" and "A" are all it folds there): the engine skips to the
# class in C instead of trying an alternation at every character; a 1 or 2 counts where it opens 19xx or
# 20xx, the rest of the year looked ahead for, so overlapping ones ("192020") are all found.
_TRIGGER_RE: Final[re.Pattern[str]] = re.compile(
    r"[年月五季目现当迄今aA12](?:(?<![12])|(?<=1)(?=9\d\d)|(?<=2)(?=0\d\d))"
)


# The most characters a match of TIME_RE holds before its first trigger, when none of them is a space:
# 从1850—1860年 (10: a 18xx year is no trigger), 截止到1850年 (6), 过去的123年 (6), 截止到12—12月 (8), through2018 (7).
_REACH: Final[int] = 10
_SPACE_RE: Final[re.Pattern[str]] = re.compile(r"\s")


# Every character a match of TIME_RE can start with: its leading words, numerals and quotes, a digit,
# the space after a word before an English year (\b\s*), and the first letters of its English words.
_FIRST: Final[str] = (
    r"[从自一二三四五六七八九十两“\"‘第截到至于在今本去上前明来当全年下目现迄过近最这未后\d\sabdefijlmnostu]"
)
_FIRST_RE: Final[re.Pattern[str]] = re.compile(_FIRST, re.IGNORECASE)
# TIME_RE behind a lookahead for a first character, which the engine checks in C at each position:
# a search skips what `finditer` would try and fail, and returns what it returns.
_GATED_RE: Final[re.Pattern[str]] = re.compile(rf"(?={_FIRST})(?:{TIME_RE.pattern})", re.IGNORECASE)


def scan(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """The time expressions in text[lo:hi], in order: what `TIME_RE.finditer(text, lo, hi)` finds."""
    trigger = _TRIGGER_RE.search(text, lo, hi)
    if trigger is None:
        return []  # most stretches: decided by one call in C
    # No match starts more than _REACH characters before its first trigger unless spaces come between
    # ("during   2018"): without spaces before the first trigger, what lies further back is not searched.
    start = trigger.start() - _REACH
    if start <= lo or _SPACE_RE.search(text, lo, trigger.start()) is not None:
        start = lo
    found = []
    search = _GATED_RE.search
    m = search(text, start, hi)
    while m is not None:
        found.append(m)
        m = search(text, m.end(), hi)
    return found


def match_at(text: str, pos: int) -> re.Match[str] | None:
    """`TIME_RE.match(text, pos)`, not tried where no match can start."""
    return _GATED_RE.match(text, pos)


def plan_years(n: int) -> tuple[int, int]:
    """The years of the n-th five-year plan: 一五 1953–1957, 二五 1958–1962, 三五 from 1966 on."""
    start = 1953 + 5 * (n - 1) if n <= 2 else 1966 + 5 * (n - 3)
    return start, start + 4


def today(date: PartialDate | None) -> tuple[int, int, int] | None:
    """The document date as (year, month, day) bounds' start, when it is known to a day."""
    if date is None or date.month is None or date.day is None:
        return None
    return date.year, date.month, date.day


Day = tuple[int, int, int]
_LAST_DAY: Final[tuple[int, ...]] = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_QUARTERS: Final[dict[str, int]] = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def last_day(year: int, month: int) -> Day:
    """The last day of a month."""
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return year, month, _LAST_DAY[month - 1] + (1 if leap else 0)


def year_bounds(y: int) -> tuple[Day, Day]:
    """1 January to 31 December of y."""
    return (y, 1, 1), (y, 12, 31)


def month_bounds(y: int, m1: int, m2: int) -> tuple[Day, Day]:
    """The first day of month m1 to the last of month m2, in year y."""
    return (y, m1, 1), last_day(y, m2)


@dataclass(frozen=True, slots=True)
class Anchors:
    """The years relative words are read against: the document's, and the one the context is about."""

    doc: PartialDate | None
    context: int | None

    @property
    def doc_year(self) -> int | None:
        return None if self.doc is None else self.doc.year

    @property
    def year(self) -> int | None:
        return self.context if self.context is not None else self.doc_year

    def now(self) -> tuple[Day, Day] | None:
        """The document date as bounds: one day, or its month, or its year."""
        d = self.doc
        if d is None:
            return None
        if d.month is None:
            return year_bounds(d.year)
        if d.day is None:
            return month_bounds(d.year, d.month, d.month)
        return (d.year, d.month, d.day), (d.year, d.month, d.day)


_FIRST_QUARTERS_RE: Final[re.Pattern[str]] = re.compile(r"前([二两三2-3])季度")
_QUARTER_RE: Final[re.Pattern[str]] = re.compile(r"([一二三四1-4])季度")


def part_of_year(word: str, y: int) -> tuple[Day, Day] | None:
    """上半年, 下半年, 前三季度, 第二季度 of year y."""
    if "上半年" in word:
        return month_bounds(y, 1, 6)
    if "下半年" in word:
        return month_bounds(y, 7, 12)
    m = _FIRST_QUARTERS_RE.search(word)
    if m:
        return month_bounds(y, 1, 3 * (2 if m.group(1) in "二两2" else 3))
    m = _QUARTER_RE.search(word)
    if m:
        q = _QUARTERS[m.group(1)]
        return month_bounds(y, 3 * q - 2, 3 * q)
    return None
