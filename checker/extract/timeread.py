"""What a time expression found by `timewords.TIME_RE` means, given the document date and the context year.

Whole years run from 1 January to 31 December; 底/末/截至/as of mark a moment
at the end of what they name; 以来/since run to the document date.  A word
relative to the document (今年, 去年, 过去五年) needs the document date, a word
relative to the context (全年, 年底, 上半年, 6月底) the context year or else the
document's: without them the Ref has no bounds and is marked relative.
"""

from __future__ import annotations

import re
from typing import Any, Final

from checker.extract.timewords import (
    Anchors,
    Day,
    Ref,
    is_base,
    last_day,
    month_bounds,
    number_of,
    part_of_year,
    plan_years,
    year_bounds,
    year_of,
)

_CJK_MONTHS: Final[dict[str, int]] = {
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12,
}  # fmt: skip
_EN_MONTHS: Final[dict[str, int]] = {
    m[:3].lower(): i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}
_DOC_RELATIVE: Final[dict[str, int]] = {
    "今年": 0, "本年": 0, "本年度": 0, "去年": -1, "上年": -1, "上年度": -1, "前年": -2, "明年": 1, "来年": 1,
    "过去一年": -1, "一年来": -1, "这一年": -1,
}  # fmt: skip
_NOW_WORDS: Final[frozenset[str]] = frozenset({"截至目前", "目前", "现在", "当前", "迄今", "至今"})
_POINT_SUFFIX: Final[frozenset[str]] = frozenset({"底", "末", "年底", "年末"})


def _month(raw: str) -> int:
    return int(raw) if raw.isdigit() else _CJK_MONTHS.get(raw, 1)


def _ref(m: re.Match[str], text: str, bounds: tuple[Day, Day] | None, **kw: Any) -> Ref:
    first, last = bounds if bounds is not None else (None, None)
    base = is_base(text, m.start(), m.end())
    return Ref(m.group(0).strip(), m.start(), m.end(), first, last, base=base, **kw)


def _absolute(m: re.Match[str], text: str, at: Anchors) -> Ref:
    y = year_of(m.group("y"))
    lead, suf = m.group("lead") or "", m.group("suf") or ""
    if m.group("m"):
        mon = _month(m.group("m"))
        if m.group("d") and m.group("d").isdigit() and 1 <= int(m.group("d")) <= last_day(y, mon)[2]:
            day = (y, mon, int(m.group("d")))
            return _ref(m, text, (day, day), point=True)
        end = last_day(y, mon)
        if m.group("mend") or lead.startswith("截"):
            return _ref(m, text, (end, end), point=True)
        return _ref(m, text, month_bounds(y, mon, mon))
    if suf in _POINT_SUFFIX or lead.startswith("截"):
        return _ref(m, text, ((y, 12, 31), (y, 12, 31)), point=True)
    if suf in ("初", "年初"):
        return _ref(m, text, ((y, 1, 1), (y, 1, 1)), point=True)
    part = part_of_year(suf, y)
    if part is not None:
        return _ref(m, text, part, span=True)
    if suf == "以来" or (lead in ("自", "从") and suf == "起"):
        now = at.now()
        return _ref(m, text, ((y, 1, 1), now[1]) if now else None, span=True)
    return _ref(m, text, year_bounds(y))


def _plan(m: re.Match[str], text: str) -> Ref:
    raw = m.group("pn") or m.group("pq") or m.group("pk")
    n = number_of(raw)
    if n is None or n < 1:
        return _ref(m, text, None)
    a, b = plan_years(n)
    if text.startswith("末", m.end()):
        return _ref(m, text, ((b, 12, 31), (b, 12, 31)), point=True)
    return _ref(m, text, ((a, 1, 1), (b, 12, 31)), span=True)


def _relative(m: re.Match[str], text: str, at: Anchors) -> Ref:
    word = m.group("rel").replace(" ", "")
    dy = at.doc_year
    if word in _NOW_WORDS:
        return _ref(m, text, at.now(), point=True, relative=True, now=True)
    if word in {"今年以来", "截至今年"}:
        now = at.now()
        return _ref(m, text, ((now[0][0], 1, 1), now[1]) if now else None, span=True, relative=True)
    if word in _DOC_RELATIVE:
        bounds = None if dy is None else year_bounds(dy + _DOC_RELATIVE[word])
        return _ref(m, text, bounds, relative=True, future=_DOC_RELATIVE[word] > 0)
    for group, sign in (("past", -1), ("since", -1), ("pastn", -1), ("pastc", -1), ("next", 1)):
        if m.group(group):
            n = number_of(m.group(group))
            if n is None or dy is None or n < 1:
                return _ref(m, text, None, span=True, relative=True)
            years = (dy - n, dy - 1) if sign < 0 else (dy, dy + n - 1)
            bare = n if group in ("pastn", "pastc") else 0
            return _ref(m, text, ((years[0], 1, 1), (years[1], 12, 31)), span=True, relative=True, years=bare)
    y = at.year
    if y is None:
        return _ref(m, text, None, relative=True, contextual=True)
    if word in ("年底", "年末"):
        return _ref(m, text, ((y, 12, 31), (y, 12, 31)), point=True, relative=True, contextual=True)
    if word == "年初":
        return _ref(m, text, ((y, 1, 1), (y, 1, 1)), point=True, relative=True, contextual=True)
    part = part_of_year(word, y)
    if part is not None:
        return _ref(m, text, part, span=True, relative=True, contextual=True)
    return _ref(m, text, year_bounds(y), span=word in ("全年", "年内"), relative=True, contextual=True)


def _month_only(m: re.Match[str], text: str, at: Anchors) -> Ref:
    y = at.year
    if y is None:
        return _ref(m, text, None, relative=True, contextual=True)
    m1 = _month(m.group("m1"))
    m2 = _month(m.group("m2")) if m.group("m2") else m1
    if m2 < m1:
        return _ref(m, text, None, relative=True)
    if m.group("msuf") in ("底", "末") or (m.group("mlead") or "").startswith("截"):
        end = last_day(y, m2)
        return _ref(m, text, (end, end), point=True, relative=True, contextual=True)
    return _ref(m, text, month_bounds(y, m1, m2), span=m2 > m1, relative=True, contextual=True)


def _english(m: re.Match[str], text: str, at: Anchors) -> Ref:
    y = int(m.group("eny"))
    lead = (m.group("enlead") or "").lower()
    if m.group("eny2"):
        return _ref(m, text, ((y, 1, 1), (int(m.group("eny2")), 12, 31)), span=True)
    if m.group("enmon"):
        mon = _EN_MONTHS.get(m.group("enmon")[:3].lower(), 1)
        end = last_day(y, mon)
        if lead in ("as of", "at the end of", "end of"):
            return _ref(m, text, (end, end), point=True)
        return _ref(m, text, month_bounds(y, mon, mon))
    if m.group("enhalf"):
        half = month_bounds(y, 1, 6) if "first" in m.group("enhalf").lower() else month_bounds(y, 7, 12)
        return _ref(m, text, half, span=True)
    if lead in ("as of", "at the end of", "end of"):
        return _ref(m, text, ((y, 12, 31), (y, 12, 31)), point=True)
    if lead == "since":
        now = at.now()
        return _ref(m, text, ((y, 1, 1), now[1]) if now else None, span=True)
    return _ref(m, text, year_bounds(y))


def _english_relative(m: re.Match[str], text: str, at: Anchors) -> Ref:
    word = m.group("enrel").lower()
    dy = at.doc_year
    if m.group("asof"):
        y = at.year
        if y is None:
            return _ref(m, text, None, point=True, relative=True, contextual=True)
        end = last_day(y, _EN_MONTHS.get(m.group("asof")[:3].lower(), 1))
        return _ref(m, text, (end, end), point=True, relative=True, contextual=True)
    if m.group("enpast"):
        n = number_of(m.group("enpast"))
        if n is None or dy is None:
            return _ref(m, text, None, span=True, relative=True)
        return _ref(m, text, ((dy - n, 1, 1), (dy - 1, 12, 31)), span=True, relative=True)
    if "first half" in word:
        y = at.year
        bounds = None if y is None else month_bounds(y, 1, 6)
        return _ref(m, text, bounds, span=True, relative=True, contextual=True)
    shift = 0 if word.startswith("this") else 1 if word.startswith("next") else -1
    return _ref(m, text, None if dy is None else year_bounds(dy + shift), relative=True, future=shift > 0)


def read(m: re.Match[str], text: str, at: Anchors) -> Ref:
    """The meaning of one match of `timewords.TIME_RE` in `text`."""
    if m.group("range"):
        a, b = year_of(m.group("r1")), year_of(m.group("r2"))
        return _ref(m, text, ((a, 1, 1), (b, 12, 31)) if a <= b else None, span=True)
    if m.group("plan"):
        return _plan(m, text)
    if m.group("abs"):
        return _absolute(m, text, at)
    if m.group("rel"):
        return _relative(m, text, at)
    if m.group("month"):
        return _month_only(m, text, at)
    if m.group("en"):
        return _english(m, text, at)
    return _english_relative(m, text, at)
