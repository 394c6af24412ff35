"""The bound word written before a figure: 近, 超过, 不少于, and the gapped 超过……的 kind.

Bound words are matched on the reversed text before a figure, so one trie
anchored at its start finds the longest of them.
"""

from __future__ import annotations

import re
from typing import Final

from checker.extract.lexicon import GAPPED_PREFIXES, NEARLY_WORDS, PREFIX_BOUNDS, PREFIX_NOT_AFTER
from checker.extract.patterns import trie_regex
from checker.models import Bound

_PREFIX_REV_RE: Final[re.Pattern[str]] = re.compile(trie_regex(w[::-1] for w in PREFIX_BOUNDS))
_GAPPED_CHARS: Final[frozenset[str]] = frozenset("".join(GAPPED_PREFIXES))
_GAPPED_RE: Final[re.Pattern[str]] = re.compile(
    "(" + "|".join(sorted(GAPPED_PREFIXES, key=len, reverse=True)) + r")[\u4e00-\u9fff]{1,3}\Z"
)


def prefix(text: str, start: int) -> tuple[int, Bound | None, bool]:
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
