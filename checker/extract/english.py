"""English figures: "660 km of railway", "more than 90 percent", "1.9 million", "165 key tasks".

A figure is a claim when it has a unit, a multiplier (million, billion) or a
bound word, or when a lower-case noun follows it ("165 key tasks").  Years,
dates, clock times, ordinals, identifiers and "2 years ago" are not claims.
What it measures is read by `englishsubject.py`.
"""

from __future__ import annotations

import re
from typing import Final

from checker.extract.bounds import interval
from checker.extract.englishsubject import before, noun_after, resolve
from checker.extract.numbers import Figure
from checker.extract.patterns import first_chars, trie_regex
from checker.models import Bound
from checker.units import ENGLISH_UNIT_WORDS

_BOUNDS: Final[dict[str, Bound]] = {
    "more than": Bound.GT,
    "over": Bound.GT,
    "above": Bound.GT,
    "exceeding": Bound.GT,
    "exceed": Bound.GT,
    "exceeds": Bound.GT,
    "exceeded": Bound.GT,
    "surpass": Bound.GT,
    "surpassed": Bound.GT,
    "at least": Bound.GE,
    "no less than": Bound.GE,
    "no fewer than": Bound.GE,
    "not less than": Bound.GE,
    "nearly": Bound.APPROX,
    "almost": Bound.APPROX,
    "close to": Bound.APPROX,
    "about": Bound.APPROX,
    "around": Bound.APPROX,
    "approximately": Bound.APPROX,
    "roughly": Bound.APPROX,
    "some": Bound.APPROX,
    "up to": Bound.LE,
    "at most": Bound.LE,
    "no more than": Bound.LE,
    "not more than": Bound.LE,
    "less than": Bound.LT,
    "fewer than": Bound.LT,
    "under": Bound.LT,
    "below": Bound.LT,
}
_NEARLY: Final[frozenset[str]] = frozenset({"nearly", "almost", "close to"})
_MULTIPLIERS: Final[dict[str, float]] = {
    "thousand": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
_WORDS: Final[dict[str, int]] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
_UNITS_SORTED = sorted((*ENGLISH_UNIT_WORDS, "%"), key=len, reverse=True)
# The bound words as a trie: the pattern may start at any character and tried the words one by one there
# (case-folded, none with a first-character check).  Words that match at one place are prefixes of one
# another, which the trie tries longest first, as the alternation sorted by length did.
_BOUND_ALT = trie_regex(_BOUNDS).replace(re.escape(" "), r"\s+")
_UNIT_ALT = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in _UNITS_SORTED)
_CURRENCIES: Final[tuple[str, ...]] = ("US$", "$", "¥", "RMB", "CNY")
# Every character a match can start with (a bound word, a currency, a number), tested before the rest.
_FIRST: Final[str] = first_chars(_BOUNDS, _CURRENCIES, _WORDS)[:-1] + r"\d]"

_FIGURE_RE: Final[re.Pattern[str]] = re.compile(
    rf"""
    (?={_FIRST})
    (?:(?P<pre>{_BOUND_ALT})\s+)?
    (?P<cur>US\$|\$|¥|RMB\s?|CNY\s?)?
    (?<![\w.,-])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{"|".join(_WORDS)})(?![\w:/]|\.\d|,\d)
    (?:\s*-?\s*(?P<mult>thousand|million|billion|trillion|mn|bn)\b)?
    (?:(?P<hyphen>-)?\s*(?P<unit>{_UNIT_ALT})(?![A-Za-z]))?
    (?P<plus>\s+(?:or\ more|and\ above|or\ above)|\+)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NOT_AFTER: Final[frozenset[str]] = frozenset({"ago", "later", "earlier", "am", "pm", "th", "st", "nd", "rd"})
_NOT_BEFORE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:\bno\.|\b(?:no|article|section|chapter|page|phase|line|route|room|number|version|round|grade|level|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    r"september|october|november|december|past|last|next|first|top)|#|№)\s*\Z",
    re.IGNORECASE,
)
_CJK_RE: Final[re.Pattern[str]] = re.compile(r"[\u4e00-\u9fff]")
# A bare figure is a level the clause's noun phrase reached: "bringing the number of alliances to 19".
_LEVEL_RE: Final[re.Pattern[str]] = re.compile(
    r"\b(?:to|reach(?:ed|es|ing)?|total(?:l?ed|l?ing|s)?|stood\s+at|stands\s+at|numbered)\s+\Z",
    re.IGNORECASE,
)
_LEVEL_WORDS: Final[int] = 8


# English lives in runs of ASCII; in Chinese text these are few and short, so the
# figure pattern only runs where there is English to read.
# One character, then four or more: a class under a repeat opens no prefix, and the engine would try
# the whole pattern at every character instead of scanning for the class in C.
_ASCII_RUN_RE: Final[re.Pattern[str]] = re.compile(r"[\x20-\x7e\n¥][\x20-\x7e\n¥]{4,}")
_WORD_RE: Final[re.Pattern[str]] = re.compile(r"[A-Za-z]{2}")


def scan(text: str) -> list[Figure]:
    """Every English figure in normalised text, in order."""
    out: list[Figure] = []
    for run in _ASCII_RUN_RE.finditer(text):
        if not _WORD_RE.search(run.group(0)):
            continue
        for m in _FIGURE_RE.finditer(text, run.start(), run.end()):
            fig = _figure(text, m)
            if fig is not None:
                resolve(fig, out, text)
                out.append(fig)
    return out


def _not_english_figure(text: str, m: re.Match[str]) -> bool:
    """Chinese text around it (the Chinese scanner reads it), "2 years ago", "No. 5", "March 3"."""
    start_num = m.start("num")
    before = text[max(0, start_num - 1) : start_num]
    after = text[m.end() : m.end() + 1]
    if _CJK_RE.match(before) or _CJK_RE.match(after):
        return True
    rest = text[m.end() : m.end() + 12].lstrip().lower()
    if rest.split(" ", 1)[0].strip(".,;") in _NOT_AFTER:
        return True
    return _NOT_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()) is not None


def _value(num: str, spelled: bool, mult: str) -> tuple[float, float]:
    """(value, place of the last written digit) of a written number and its multiplier."""
    value = float(_WORDS[num.lower()]) if spelled else float(num.replace(",", ""))
    decimals = len(num.split(".", 1)[1]) if "." in num else 0
    precision = 10.0**-decimals
    if mult:
        value *= _MULTIPLIERS[mult]
        precision *= _MULTIPLIERS[mult]
    return value, precision


def _unit(currency: str | None, unit_word: str, *, counted: bool) -> tuple[str, str] | None:
    """(unit, kind): a currency, a unit word, else a count when a multiplier, bound, noun or level makes one."""
    if currency:
        return ("USD" if "$" in currency else "CNY"), "amount"
    if unit_word:
        uw = ENGLISH_UNIT_WORDS.get(unit_word)
        return (uw.unit, uw.kind) if uw else ("percent", "percent")
    return ("count", "count") if counted else None


def _plain_is_claim(num: str, value: float, spelled: bool, *, pre: str, noun: str, level: bool) -> bool:
    """Whether a figure without unit, currency or multiplier is a claim: not "one", not a year."""
    if spelled and value == 1 and not pre:
        return False  # the indefinite "one"
    if not spelled and "." not in num and "," not in num and 1900 <= value <= 2100:
        return False  # a year
    return bool(noun or pre or level)


def _figure(text: str, m: re.Match[str]) -> Figure | None:
    if _not_english_figure(text, m):
        return None
    num = m.group("num")
    spelled = num.lower() in _WORDS
    mult = (m.group("mult") or "").lower()
    value, precision = _value(num, spelled, mult)
    unit_word = (m.group("unit") or "").lower()
    pre = " ".join((m.group("pre") or "").lower().split())
    measured = bool(m.group("cur") or unit_word)
    # "a 144-hour visa-free stay": a hyphenated unit makes the figure an adjective of the noun after it.
    noun = noun_after(text, m.end(), need_of=measured and not m.group("hyphen"))
    level = not noun and _LEVEL_RE.search(text, max(0, m.start() - 16), m.start()) is not None
    resolved = _unit(m.group("cur"), unit_word, counted=bool(mult or pre or noun or level))
    if resolved is None:
        return None
    plain = not (unit_word or mult or m.group("cur"))
    leveled = level and bool(before(text, m.start(), keep=_LEVEL_WORDS))
    if plain and not _plain_is_claim(num, value, spelled, pre=pre, noun=noun, level=leveled):
        return None
    unit, kind = resolved
    bound = Bound.GE if m.group("plus") else _BOUNDS[pre] if pre else Bound.EQ
    span = interval(value, bound, 0.0 if spelled else precision, nearly=pre in _NEARLY, count=unit == "count")
    fig = Figure(
        start=m.start(), end=m.end(), num_start=m.start("num"), unit_end=m.end(), value=value, unit=unit,
        measure=None, kind=kind, bound=bound, interval=span,
    )  # fmt: skip
    fig.subject = (
        noun
        or before(text, m.start(), keep=_LEVEL_WORDS if level else 4)
        or (noun_after(text, m.end(), need_of=False) if measured else "")
    )
    return fig
