"""One quantity said twice in different units: Restatement.

A restatement in brackets or after 即/合/相当于/"or" ("144小时（6天）") is `restated`:
the same figure, to its written precision.  Two figures of one quantity near
each other ("已安全运行30个月……两年多的安全运行": words shared around both, in
their own clauses) are `nearby`.  Each figure is paired with one partner at most.
"""

from __future__ import annotations

import re

from checker.extract.lexicon import CLAUSE_STOPS
from checker.extract.relations.text import DocText, Placed
from checker.models import Claim, Restatement
from checker.units import comparable, dimension_of

# Between a figure and its restatement: a short noun at most, then a bracket or 即/合/or …
RESTATE = re.compile(
    r"^[^，,。；;：:()（）\d]{0,8}?\s*(?:[（(]|即|合|约合|相当于|或|,?\s*or\b|,?\s*i\.e\.,?)"
    r"\s*(?:或|即|约|or|i\.e\.,?|about|nearly|some)?\s*(?:about\s+|约)?$"
)
# Words shared by nearly every sentence of a corpus say nothing about which quantity is meant.
STOP_BIGRAMS = frozenset(
    {"长三", "三角", "一体", "体化", "发展", "我们", "这项", "项工", "工程", "已经", "一个", "本身", "也是"}
)
NOT_PHYSICAL = frozenset({"dimensionless", "[count]", "[score]", "[age]"})
# How far apart (characters of flat text) two figures of one quantity may be.
WINDOW = 200


def pairable(a: Claim, b: Claim) -> bool:
    """Two figures in different units of one physical dimension (hours and days, km and m)."""
    return a.unit != b.unit and comparable(a.unit, b.unit) and dimension_of(a.unit) not in NOT_PHYSICAL


def _context(doc: DocText, p: Placed) -> set[str]:
    """Words around a figure within its own clause (a neighbour's words are not shared context)."""
    start = max(doc.clause_start(p.start), p.start - 8)
    end = p.end
    while end < min(len(doc.flat), p.end + 8) and doc.flat[end] not in CLAUSE_STOPS:
        end += 1
    around = doc.flat[start : p.start] + "|" + doc.flat[p.end : end]
    pairs = {around[i : i + 2] for i in range(len(around) - 1)}
    words = set(re.findall(r"[a-z]{4,}", around.lower()))
    return {b for b in pairs if re.fullmatch(r"[\u4e00-\u9fff]{2}", b) and b not in STOP_BIGRAMS} | words


def restatements(doc: DocText) -> list[Restatement]:
    """Bracketed and 即/合 restatements first, then nearby figures of one quantity."""
    out: list[Restatement] = []
    used: set[str] = set()
    # Pairs in different units are few: the unit test comes before the sets of ids are made.
    for i, a in enumerate(doc.placed):
        for b in doc.placed[i + 1 : i + 3]:
            if a.claim.unit == b.claim.unit or not RESTATE.match(doc.flat[a.end : b.start]):
                continue
            ids = {a.claim.id, b.claim.id}
            if pairable(a.claim, b.claim) and not ids & used:
                used |= ids
                out.append(Restatement(path=doc.path, stated=a.claim.id, restated=b.claim.id))
    for i, a in enumerate(doc.placed):
        for b in doc.placed[i + 1 :]:
            if b.start - a.end > WINDOW:
                break
            if a.claim.unit == b.claim.unit or not pairable(a.claim, b.claim):
                continue
            ids = {a.claim.id, b.claim.id}
            if ids & used:
                continue
            if _context(doc, a) & _context(doc, b):
                used |= ids
                out.append(Restatement(path=doc.path, stated=a.claim.id, restated=b.claim.id, how="nearby"))
    return out
