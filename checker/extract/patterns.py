"""The compiled regular expressions of the Chinese number scanner.

One pattern finds every candidate figure in one pass: a number (Arabic with
separators and decimals, Chinese numerals, both mixed with 万/亿, a fraction,
百分之…), an optional range, 多/余, a unit or measure word, and a trailing
bound word.  Bare Chinese numerals must be followed by something that makes
them a quantity, checked by a lookahead inside the pattern, so the many 一 and
三 of running text never reach Python code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from checker.extract.cjk_numerals import BIG_UNITS, DIGITS, SMALL_UNITS
from checker.extract.lexicon import MEASURE_WORDS, SUFFIX_BOUNDS
from checker.units import UNIT_WORDS

_Trie = dict[str, "_Trie"]


def trie_regex(words: Iterable[str]) -> str:
    """A regex alternation of `words` as a trie: longest match first, one branch per first character."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: _Trie) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        branches.append(re.escape(ch) + _trie_to_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


# Special unit word: "两个多月" is more than two months.
MORE_MONTHS: Final[str] = "个多月"

UNIT_TOKENS: Final[tuple[str, ...]] = tuple(
    sorted({*(w for w in UNIT_WORDS if not w.isascii() or not w.isalpha()), *MEASURE_WORDS, MORE_MONTHS})
)
UNIT_RE_SRC: Final[str] = trie_regex(UNIT_TOKENS)

_CN_DIGITS = "".join(DIGITS)
_CN_CHARS = _CN_DIGITS + "".join(c for c in SMALL_UNITS if c != "千") + "".join(BIG_UNITS)
# 千 before 米/克/瓦 is a unit prefix (千米, 千克, 千瓦), not a multiplier.
CN_NUM: Final[str] = rf"(?:[{_CN_CHARS}]|千(?![米克瓦]))+"
# A Chinese decimal part: "二十一点九" (21.9), "一点二六倍" (1.26 times).
CN_DECIMAL: Final[str] = r"(?:点[零〇○一二三四五六七八九]+)"
AR_NUM: Final[str] = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MULT: Final[str] = r"万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千(?![米克瓦])|百(?![分米])"
_RANGE_SEPS: Final[str] = "至到~-—–－"
RANGE_SEP: Final[str] = f"[{re.escape(_RANGE_SEPS)}]"
POST_RE_SRC: Final[str] = trie_regex(SUFFIX_BOUNDS)


def first_chars(*groups: Iterable[str]) -> str:
    """The class of the first characters of the words of `groups`.

    A lookahead for it before an alternation of those words turns most places away in one test: the
    engine tries an alternation branch by branch, a hundred and more first characters of units.
    """
    return "[" + "".join(re.escape(c) for c in sorted({w[0] for words in groups for w in words})) + "]"


# What may follow a bare Chinese numeral for it to be a quantity (never nothing: the gate is exact).
_CN_TAIL: Final[str] = (
    rf"(?={first_chars('多余', _RANGE_SEPS, UNIT_TOKENS, SUFFIX_BOUNDS)})"
    rf"(?=[多余]|{RANGE_SEP}[\d{_CN_DIGITS}十]|{UNIT_RE_SRC}|{POST_RE_SRC})"
)

# Years before 年 (2024年), ordinals (第六届) and rate denominators (每万) are refused
# inside the pattern: they are most of the candidates that are not claims.
NUMBER_RE: Final[re.Pattern[str]] = re.compile(
    rf"""
    (?:
        [百千]分之(?:(?P<par>{AR_NUM})|(?P<pcn>{CN_NUM}{CN_DECIMAL}?))
      | (?:(?P<fdar>\d+)|(?P<fdcn>{CN_NUM}))分之(?:(?P<fnar>{AR_NUM})|(?P<fncn>{CN_NUM}))
      | (?:(?<![第每\d.])(?![12]\d{{3}}年)(?P<aar>{AR_NUM})(?P<amul>{MULT})?
          |(?<![第每{_CN_CHARS}千])(?P<acn>{CN_NUM}{CN_DECIMAL}?){_CN_TAIL})
        (?:(?P<sep>{RANGE_SEP})(?:(?P<bar>{AR_NUM})(?P<bmul>{MULT})?|(?P<bcn>{CN_NUM})))?
    )
    (?P<more>[多余])?
    (?P<mul2>(?<=[多余])(?:万亿|亿|万))?
    (?P<unit>(?={first_chars(UNIT_TOKENS)}){UNIT_RE_SRC})?
    (?P<post>(?={first_chars(SUFFIX_BOUNDS)}){POST_RE_SRC})?
    """,
    re.VERBOSE,
)

# Where a candidate can start.  Its first element is a character class, which lets
# the regex engine skip everything else at C speed; NUMBER_RE is then matched only
# at these places.  (A pattern opening with alternatives or lookbehinds gets no such
# skip and costs more than all the Python work on the candidates.)
START_RE: Final[re.Pattern[str]] = re.compile(
    rf"[\d{_CN_CHARS}千](?:(?<=\d)[\d,.]*|(?<=[{_CN_CHARS}千])(?:[{_CN_CHARS}]|千(?![米克瓦]))*{CN_DECIMAL}?(?:{_CN_TAIL}|(?=分之)))"
)
