"""The English sentence of a figure: where it starts, and the time scope and year before the figure.

Its modality is read by `modality.py`, with the Chinese figures' rules.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from checker.extract.words import YEAR

# A clause ends at punctuation, a line break or a dash ("WENZHOU, June 6 -- The region ...").
CLAUSE_RE: Final[re.Pattern[str]] = re.compile(
    r"(?:[.;:!?]\s|,\s*|\n|--|—)((?:[^.;:!?,\n—-]|\.(?!\s)|(?<!-)-(?!-))*)\Z"
)


class EnglishContext(NamedTuple):
    """Time scope and year of an English figure."""

    scope: str | None
    year: int | None


_YEAR_IN_RE: Final[re.Pattern[str]] = re.compile(YEAR)
_EN_TIME_RE: Final[re.Pattern[str]] = re.compile(
    rf"\b(?:(?:in|by|since|until|through|before|after|as of|end of)\s+)?{YEAR}\b|\b(?:this|last|next) year\b",
    re.IGNORECASE,
)


def english_context(window: str) -> EnglishContext:
    """Time scope and year from the English clause before a figure."""
    scope = year = None
    for m in _EN_TIME_RE.finditer(window):
        scope = m.group(0)
    if scope is not None:
        y = _YEAR_IN_RE.search(scope)
        year = int(y.group(0)) if y else None
    return EnglishContext(scope, year)


def sentence_start(text: str, pos: int) -> int:
    """Where the English sentence holding `pos` starts (within 200 characters)."""
    lo = max(0, pos - 200)
    window = text[lo:pos]
    ends = [window.rfind(mark) + len(mark) for mark in (". ", "; ", "! ", "? ", "\n", "。") if mark in window]
    return lo + max(ends) if ends else lo
