"""English figures: "660 km of railway", "more than 90 percent", "1.9 million", "165 key tasks".

A figure is a claim when it has a unit, a multiplier (million, billion) or a
bound word, or when a lower-case noun follows it ("165 key tasks").  Years,
dates, clock times, ordinals, identifiers and "2 years ago" are not claims.
The subject is the noun phrase after the figure, or after its "of", or else
the words before it in the clause.
"""

from __future__ import annotations

import re
from typing import Final

from checker.extract.bounds import interval
from checker.extract.numbers import Figure
from checker.models import Bound
from checker.units import ENGLISH_UNIT_WORDS

_BOUNDS: Final[dict[str, Bound]] = {
    "more than": Bound.GT,
    "over": Bound.GT,
    "above": Bound.GT,
    "exceeding": Bound.GT,
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
_BOUND_ALT = "|".join(w.replace(" ", r"\s+") for w in sorted(_BOUNDS, key=len, reverse=True))
_UNIT_ALT = "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in _UNITS_SORTED)

_FIGURE_RE: Final[re.Pattern[str]] = re.compile(
    rf"""
    (?:(?P<pre>{_BOUND_ALT})\s+)?
    (?P<cur>US\$|\$|¥|RMB\s?|CNY\s?)?
    (?<![\w.,-])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{"|".join(_WORDS)})(?![\w:/]|\.\d|,\d)
    (?:\s*-?\s*(?P<mult>thousand|million|billion|trillion|mn|bn)\b)?
    (?:\s*(?P<unit>{_UNIT_ALT})(?![A-Za-z]))?
    (?P<plus>\s+(?:or\ more|and\ above|or\ above)|\+)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_NOUN_RE: Final[re.Pattern[str]] = re.compile(r"\s+(of\s+(?:the\s+)?)?((?:[a-z][a-z-]*\s+){0,3}[a-z][a-z-]*)")
_STOP: Final[frozenset[str]] = frozenset(
    {
        "of", "in", "to", "and", "or", "for", "with", "by", "from", "at", "on", "the", "a", "an",
        "this", "that", "these", "those", "were", "was", "is", "are", "be", "been", "have", "has",
        "had", "will", "would", "can", "could", "may", "than", "as", "per", "each", "every", "into",
        "over", "under", "about", "after", "before", "since", "until", "ago", "later", "earlier",
        "old", "more", "less", "its", "their", "his", "her", "our", "your", "which", "who", "whose",
        "what", "when", "where", "while",
    }
)  # fmt: skip
_NOT_AFTER: Final[frozenset[str]] = frozenset({"ago", "later", "earlier", "am", "pm", "th", "st", "nd", "rd"})
_NOT_BEFORE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:\bno\.|\b(?:no|article|section|chapter|page|phase|line|route|room|number|version|round|grade|level|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    r"september|october|november|december|past|last|next|first|top)|#|№)\s*\Z",
    re.IGNORECASE,
)
_CJK_RE: Final[re.Pattern[str]] = re.compile(r"[\u4e00-\u9fff]")


def _noun(text: str, pos: int, need_of: bool) -> str:
    """The noun phrase after a figure: directly for counts, after "of" for measured figures."""
    m = _NOUN_RE.match(text, pos)
    if m is None or (need_of and not m.group(1)):
        return ""
    kept: list[str] = []
    for word in m.group(2).split():
        if word in _STOP:
            break
        kept.append(word)
    while kept and kept[-1].endswith("ed") and len(kept) > 1:
        kept.pop()  # "two cities joined": a verb, not part of the noun
    return " ".join(kept)


# English lives in runs of ASCII; in Chinese text these are few and short, so the
# figure pattern only runs where there is English to read.
_ASCII_RUN_RE: Final[re.Pattern[str]] = re.compile(r"[\x20-\x7e\n¥]{5,}")
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
                out.append(fig)
    return out


def _figure(text: str, m: re.Match[str]) -> Figure | None:
    num = m.group("num")
    start_num = m.start("num")
    before = text[max(0, start_num - 1) : start_num]
    after = text[m.end() : m.end() + 1]
    if _CJK_RE.match(before) or _CJK_RE.match(after):
        return None  # Chinese text: the Chinese scanner reads it
    spelled = num.lower() in _WORDS
    value = float(_WORDS[num.lower()]) if spelled else float(num.replace(",", ""))
    decimals = len(num.split(".", 1)[1]) if "." in num else 0
    precision = 10.0**-decimals
    mult = (m.group("mult") or "").lower()
    if mult:
        value *= _MULTIPLIERS[mult]
        precision *= _MULTIPLIERS[mult]
    unit_word = (m.group("unit") or "").lower()
    pre = " ".join((m.group("pre") or "").lower().split())
    rest = text[m.end() : m.end() + 12].lstrip().lower()
    if rest.split(" ", 1)[0].strip(".,;") in _NOT_AFTER:
        return None
    if _NOT_BEFORE_RE.search(text, max(0, m.start() - 12), m.start()):
        return None
    measured = bool(m.group("cur") or unit_word)
    noun = _noun(text, m.end(), need_of=measured)
    measure: str | None = None
    if m.group("cur"):
        unit, kind = "USD" if "$" in m.group("cur") else "CNY", "amount"
    elif unit_word:
        uw = ENGLISH_UNIT_WORDS.get(unit_word)
        unit, kind = (uw.unit, uw.kind) if uw else ("percent", "percent")
    elif mult or pre or noun:
        unit, kind = "count", "count"
    else:
        return None
    if not (unit_word or mult or m.group("cur")):
        if spelled and value == 1 and not pre:
            return None  # the indefinite "one"
        if not spelled and decimals == 0 and "," not in num and 1900 <= value <= 2100:
            return None  # a year
        if not noun and not pre:
            return None
    bound = Bound.EQ
    if m.group("plus"):
        bound = Bound.GE
    elif pre:
        bound = _BOUNDS[pre]
    span = interval(value, bound, 0.0 if spelled else precision, nearly=pre in _NEARLY, count=unit == "count")
    fig = Figure(
        start=m.start(),
        end=m.end(),
        num_start=start_num,
        unit_end=m.end(),
        value=value,
        unit=unit,
        measure=measure,
        kind=kind,
        bound=bound,
        interval=span,
    )
    fig.subject = (
        noun or _before(text, m.start()) or (_noun(text, m.end(), need_of=False) if measured else "")
    )
    return fig


_CLAUSE_RE: Final[re.Pattern[str]] = re.compile(r"(?:[.;:!?]\s|,\s*|\n)((?:[^.;:!?,\n]|\.(?!\s))*)\Z")


def sentence_start(text: str, pos: int) -> int:
    """Where the English sentence holding `pos` starts (within 200 characters)."""
    lo = max(0, pos - 200)
    window = text[lo:pos]
    ends = [window.rfind(mark) + len(mark) for mark in (". ", "; ", "! ", "? ", "\n", "。") if mark in window]
    return lo + max(ends) if ends else lo


def _before(text: str, pos: int) -> str:
    m = _CLAUSE_RE.search(text, max(0, pos - 80), pos)
    words = [w for w in (m.group(1) if m else text[max(0, pos - 80) : pos]).split() if w[:1].isalpha()]
    while words and words[0].lower() in ("the", "a", "an", "its", "their"):
        words.pop(0)
    while words and words[-1].lower() in _STOP | {
        "reached",
        "hit",
        "totalled",
        "totaled",
        "stood",
        "rose",
        "fell",
    }:
        words.pop()
    return " ".join(words[-4:])
