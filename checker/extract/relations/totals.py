"""Parts and their total as sentences state them: TotalRelation.

Two shapes, Chinese and English:

* additive: parts joined by 加上/和/、/plus/and before a marked total —
  "先后组建了14个……加上此次授牌的5个联盟共有19个";
* breakdown: a marked total, then 其中/of which and the parts —
  "共有5个，……其中上海、江苏、浙江各1个，安徽2个" (各/each counts every named item).

A total is "marked" by 共有/共计/合计/总计/总共/一共/共 or "a total of", "in total".
Asides in brackets and comparisons (较上年增加30项) are never parts; a list
ending in 等 ("and others") is not a complete breakdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.extract.lexicon import TOTAL_MARKERS, TOTAL_MARKERS_BARE
from checker.extract.relations.text import DocText, Placed
from checker.models import Part, TotalRelation
from checker.units import unit_key

AFTER_MARKERS = re.compile(r"^[^，,。；;：:]{0,20}?\b(?:in total|in all|altogether|all told)\b")
CONNECTIVE = re.compile(
    r"再加上|加上|连同|以及|另有|加|和|与|及|、|\bplus\b|\band\b|together with|along with|as well as"
)
PRE_CONNECTIVE = re.compile(r"除|\b(?:in addition to|besides|apart from|on top of)\b", re.I)
BREAKDOWN = re.compile(r"其中|\b(?:of which|of them|among them|among which|including)\b")
NOT_PART = re.compile(
    r"(?:较|比|同比|环比|增加|减少|增长|下降|提高|降低|\bup\b|\bdown\b|\bincrease of\b|\bmore than last\b)\s*$"
)
EACH_ZH = re.compile(r"各(?:有|为|是|占)?\s*$")
EACH_EN = re.compile(r"^\s*(?:[A-Za-z-]+\s){0,2}?each\b")
# A total in a clause of its own ("上海3个，江苏2个，共5个"): the parts before it may be comma-separated.
CLAUSE_TOTAL = re.compile(
    r"^\s*(?:(?:共有|共计|合计|总计|总共|一共|共)\S{0,3}|(?:and\s+)?(?:for |making |bringing )?(?:a total of|total of|the total to)?\s*)$"
)
FROM_WORD = re.compile(r"(?:从|由|\bfrom\b)[^，,。；;]{0,14}$", re.I)
TO_WORD = re.compile(r"到|至|\bto\b", re.I)
ITEMS = re.compile(r"、|以及|及|和|与|,\s*(?:and\s+)?|\s+and\s+")


@dataclass
class _Found:
    """Parts (with how many times each counts) that should add up to every one of the totals."""

    shape: str
    parts: list[tuple[Placed, int]]
    totals: list[Placed]
    noun: str = ""
    restated: list[Placed] = field(default_factory=list)


def total_marker(doc: DocText, p: Placed) -> bool:
    """True when the text marks the claim as a total."""
    if doc.marker_before(p, TOTAL_MARKERS, gap=4) or doc.marker_before(p, TOTAL_MARKERS_BARE, gap=1):
        return True
    tail = doc.flat[p.end : p.end + 40]
    return bool(AFTER_MARKERS.search(tail))


def multiplier(doc: DocText, p: Placed, since: int) -> int:
    """How many named items a part counts for: 3 for "上海、江苏、浙江各1个", else 1."""
    head = doc.flat[since : p.start]
    zh = EACH_ZH.search(head)
    if zh:
        names = head[: zh.start()]
    elif EACH_EN.match(doc.flat[p.end : p.end + 30]):
        names = re.sub(r"\b(?:have|has|with|had|are|is|were|was)\b.*$", "", head)
    else:
        return 1
    items = [s for s in ITEMS.split(names.strip(" ，,：:")) if s.strip()]
    return max(1, len(items))


def _same_unit(a: Placed, b: Placed) -> bool:
    return unit_key(a.claim) == unit_key(b.claim)


def _candidates(doc: DocText, start: int, end: int, total: Placed) -> list[Placed]:
    return [
        p
        for p in doc.claims_in(start, end)
        if p is not total and _same_unit(p, total) and not doc.in_brackets(p)
    ]


def additive(doc: DocText, total: Placed) -> _Found | None:
    """Parts joined by connectives right before the marked total."""
    start, _ = doc.sentence_of(total.start)
    before = _candidates(doc, start, total.start, total)
    if not before or len(doc.flat[before[-1].end : total.start]) > 30:
        return None
    own_clause = bool(CLAUSE_TOTAL.match(doc.flat[doc.clause_start(total.start) : total.start]))
    chain = [before[-1]]
    for p in reversed(before[:-1]):
        between = doc.flat[p.end : chain[0].start]
        linked = (
            CONNECTIVE.search(between)
            or PRE_CONNECTIVE.search(doc.flat[doc.clause_start(p.start) : p.start])
            or (own_clause and re.search(r"[，,]", between))
        )
        if not linked or BREAKDOWN.search(between) or total_marker(doc, p):
            break
        chain.insert(0, p)
    if len(chain) < 2 or doc.unread_figure(chain[0].start, total.start, total.claim.measure):
        return None
    if _from_to(doc, chain) or _unquantified_part(doc, chain[-1], total):
        return None
    parts = [
        (p, multiplier(doc, p, max(start, chain[i - 1].end if i else start))) for i, p in enumerate(chain)
    ]
    return _Found("sum", parts, [total])


def _from_to(doc: DocText, chain: list[Placed]) -> bool:
    """A start and an end ("由664亿元增加到4025亿元，五年共计12319亿元"), not parts."""
    return bool(
        FROM_WORD.search(doc.flat[doc.clause_start(chain[0].start) : chain[0].start])
        and TO_WORD.search(doc.flat[chain[0].end : chain[1].start])
    )


def _unquantified_part(doc: DocText, last: Placed, total: Placed) -> bool:
    """A part without a figure ("……一百五十二亿元，加上减免农村税收等方面的支出，共达一千四百多亿元")."""
    between = doc.flat[last.end : total.start]
    return bool(CONNECTIVE.search(between.lstrip("，, "))) and bool(re.search(r"[，,]", between))


def breakdown(doc: DocText, total: Placed) -> _Found | None:
    """A marked total followed by 其中 / of which and its parts, in this sentence or the next."""
    _, end = doc.sentence_of(total.start)
    m = BREAKDOWN.search(doc.flat, total.end, end)
    if m is None and not doc.claims_in(total.end, end):
        # "共计划实施1390项。其中在建项目955项……"
        nxt_start, nxt_end = doc.sentence_of(end)
        m = BREAKDOWN.match(doc.flat, nxt_start)
        end = nxt_end
    if m is None:
        return None
    parts: list[tuple[Placed, int]] = []
    since = m.end()
    for p in _candidates(doc, m.end(), end, total):
        if NOT_PART.search(doc.flat[max(since, p.start - 6) : p.start]):
            continue
        if re.match(r"\s*等", doc.flat[p.end : p.end + 3]):
            return None
        parts.append((p, multiplier(doc, p, since)))
        since = p.end
    if len(parts) < 2 and not (parts and parts[0][1] > 1):
        return None
    if doc.unread_figure(m.end(), end, total.claim.measure):
        return None
    return _Found("breakdown", parts, [total])


def totals(doc: DocText) -> list[TotalRelation]:
    """Every additive sum and breakdown in the document, with restatements of each total."""
    found: list[_Found] = []
    marked = [p for p in doc.placed if total_marker(doc, p)]
    for total in marked:
        for rel in (additive(doc, total), breakdown(doc, total)):
            if rel is not None:
                rel.noun = max(
                    (doc.noun_after(q) for q in [total, *(p for p, _ in rel.parts)]), key=len, default=""
                )
                found.append(rel)
    used = {id(p) for r in found for p in [*r.totals, *(q for q, _ in r.parts)]}
    for r in found:
        if len(r.noun) >= 2:
            r.restated = [
                p
                for p in marked
                if id(p) not in used and _same_unit(p, r.totals[0]) and doc.noun_after(p) == r.noun
            ]
    return [
        TotalRelation(
            path=doc.path,
            shape="sum" if r.shape == "sum" else "breakdown",
            totals=[t.claim.id for t in r.totals],
            parts=[Part(claim=p.claim.id, times=k) for p, k in r.parts],
            restated=[p.claim.id for p in r.restated],
            noun=r.noun,
        )
        for r in found
    ]
