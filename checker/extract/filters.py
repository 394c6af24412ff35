"""What looks like a figure but is not a claim.

Dates and years used as time points, ordinals (第六届), rate denominators
(每万), relative time anchors (6年前, 4年来, 近六年来, 过去六年), names and
slogans written with Chinese numerals inside short quotes (“十年禁渔”,
“一张网”), compounds where a duration modifies a noun (三年行动计划),
magnitude classes (千万千瓦级), list labels at a clause start (三类对象为),
identifiers (G60, COVID-19), clock times (10时30分) and 二 used as an ordinal
(二类, 二次).  The indefinite article 一个/一次 is handled by the scanner,
which knows whether a bound word stands before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from checker.extract.lexicon import (
    CLOSE_QUOTES,
    IDIOMS,
    NOT_AFTER_UNIT,
    OPEN_QUOTES,
    QIAN_WORDS,
    TIME_ANCHOR_AFTER,
    TIME_ANCHOR_BEFORE,
    YEAR_DURATION_NEXT,
)

_DURATION_ANCHORS_AFTER: Final[tuple[str, ...]] = ("以来", "以前", "以后", "之前", "之后", "来", "前", "后")
_CLAUSE_START: Final[str] = "。;；:：!！?？\n"
_SESSION_WORDS: Final[tuple[str, ...]] = ("会议", "全会", "全体会议", "常委会")
_SESSION_END: Final[str] = "的,，。;；、)）"
# Before "N届": words of counting ("举办了七届", "已连续三届", "共五届").
_COUNTING_MARKS: Final[str] = "了过共计续办已累连历"
_QUOTE_REACH: Final[int] = 10
_OPEN_QUOTES: Final[str] = OPEN_QUOTES.replace('"', "")
_CLOSE_QUOTES: Final[str] = CLOSE_QUOTES.replace('"', "")
_OPEN_QUOTE_RE: Final[re.Pattern[str]] = re.compile(f"[{re.escape(_OPEN_QUOTES)}]")
_IDIOM_RE: Final[re.Pattern[str]] = re.compile("|".join(map(re.escape, IDIOMS)))


@dataclass(slots=True)
class Candidate:
    """What the filters need to know about a candidate figure."""

    text: str
    start: int
    end: int
    unit_end: int
    number: str  # the numeral as written (Arabic or Chinese)
    cn: bool
    unit_word: str
    unit: str
    kind: str
    has_bound_word: bool
    is_range: bool
    value: float


def keep(c: Candidate) -> bool:
    """False when the candidate is not a claim."""
    text, s = c.text, c.start
    prev = text[s - 1] if s else ""
    if prev in ("第", "每"):
        return False
    if prev == "前" and (s < 2 or text[s - 2] not in QIAN_WORDS):
        return False
    if prev.isascii() and prev.isalpha():
        return False
    if prev in "-_/#" and s >= 2 and text[s - 2].isascii() and text[s - 2].isalnum():
        return False
    if c.cn and c.number in ("二", "贰"):
        return False
    if c.kind == "duration" and not _duration_is_claim(c):
        return False
    if c.unit_word == "周" and text.startswith("年", c.unit_end):
        return False
    if c.unit_word == "分" and (c.cn or prev in "时点:"):
        return False
    if text.startswith(NOT_AFTER_UNIT, c.end):
        return False
    if c.cn and c.unit_word == "类" and len(c.number) == 1 and _at_clause_start(text, s):
        return False
    if c.cn and len(c.number) == 1 and _in_idiom(text, s, c.end):
        return False
    if c.unit_word in ("届", "次") and not _session_is_counted(c):
        return False
    return not (c.cn and _in_short_quote(text, s, c.end))


def is_year(number: str, cn: bool) -> bool:
    """Whether a numeral before 年 names a calendar year (2024, 二〇二四)."""
    if cn:
        return len(number) >= 2 and all(ch in "零〇○一二三四五六七八九" for ch in number)
    return len(number) == 4 and number.isdigit() and 1000 <= int(number) <= 2999


def _duration_is_claim(c: Candidate) -> bool:
    text = c.text
    if text.endswith(TIME_ANCHOR_BEFORE, 0, c.start) or text.startswith(_DURATION_ANCHORS_AFTER, c.end):
        return False
    if text.endswith("前", 0, c.start) and not text.endswith("提前", 0, c.start):
        # "今年前5个月" is a time scope
        return False
    if c.unit_word != "年":
        return True
    if is_year(c.number, c.cn):
        return False
    if c.end == c.unit_end:
        follow = text[c.end : c.end + 1]
        if follow and follow not in YEAR_DURATION_NEXT and not text.startswith("时间", c.end):
            return False
    return not text.startswith(TIME_ANCHOR_AFTER, c.end)


def _in_idiom(text: str, start: int, end: int) -> bool:
    return _IDIOM_RE.search(text, max(0, start - 3), end + 3) is not None


def _session_is_counted(c: Candidate) -> bool:
    """Whether N届 or N次 counts editions ("连续举办了七届") rather than naming a session ("三次会议")."""
    text = c.text
    if c.unit_word == "次":
        return not (text.startswith(_SESSION_WORDS, c.end) and "届" in text[max(0, c.start - 10) : c.start])
    if text[c.end : c.end + 1] in _SESSION_END:
        return True
    return any(ch in _COUNTING_MARKS for ch in text[max(0, c.start - 3) : c.start])


def _at_clause_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\u3000":
        i -= 1
    return i < 0 or text[i] in _CLAUSE_START


def _in_short_quote(text: str, start: int, end: int) -> bool:
    if _OPEN_QUOTE_RE.search(text, max(0, start - _QUOTE_REACH), start) is None:
        return False  # no quote opens before it: the common case, decided in C
    before = text[max(0, start - _QUOTE_REACH) : start]
    opened = max(before.rfind(q) for q in _OPEN_QUOTES)
    if opened < 0 or any(q in before[opened:] for q in _CLOSE_QUOTES):
        return False
    after = text[end : end + _QUOTE_REACH]
    closes = [i for i in (after.find(q) for q in _CLOSE_QUOTES) if i >= 0]
    if not closes:
        return False
    return not any(q in after[: min(closes)] for q in _OPEN_QUOTES)
