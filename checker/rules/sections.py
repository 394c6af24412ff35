"""Numbered sections, each stating its own count, against the document's headline total.

    九个方面,共165项重点任务 …
    一、加强长三角科技创新跨区域协同 / 共有20项重点任务, …
    …
    九、着力提升安全发展能力 / 共有13项重点任务, …

Headings are numbered lines (一、 (一) 1. 第一部分 "Section 1"), consecutive from
one; each section's count is its first figure marked 共有/包括/"there are"
(or naming the headline's noun).  The headline is a figure before the first
heading with the same unit and noun; "九个方面" is the number of sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import cast

from checker.match import unit_key
from checker.rules.figures import Span, stated
from checker.rules.textscan import DocText, Placed

_CN = "一二三四五六七八九十"
HEADING = re.compile(
    rf"^[ \t\u3000#>*]*(?:"
    rf"第(?P<ord>[{_CN}]+)(?:部分|章|节|篇|方面)"
    rf"|[（(](?P<paren>[{_CN}]+)[）)]"
    rf"|(?P<cn>[{_CN}]+)\s*[、.．]"
    rf"|(?P<num>\d{{1,2}})\s*[、.．](?!\d)"
    rf"|(?:Section|Part|Chapter|Area)\s+(?P<en>\d{{1,2}})\b)",
    re.M,
)
SECTION_MARKERS = ("共有", "共计", "共", "包括", "包含", "涵盖", "有", "there are", "includes", "include", "contains",
                   "comprises", "covers", "a total of", "total of")  # fmt: skip
SECTION_NOUNS = re.compile(
    r"^(?:个)?(?:方面|部分|领域|板块|章|篇|大类|类|areas?|sections?|parts?|chapters?|pillars?)"
)


def cn_number(text: str) -> int:
    """一..九十九 as an int (headings only go that far)."""
    digits = {c: i + 1 for i, c in enumerate(_CN[:9])}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + digits.get(ones, 0)


@dataclass
class Structure:
    """Sections with their counts, the headline totals, and the stated number of sections."""

    sections: list[tuple[int, Placed]]
    noun: str
    unit: str = ""
    totals: list[Placed] = field(default_factory=list)
    stated_sections: list[Placed] = field(default_factory=list)

    def adds_up(self) -> bool:
        """True when the sections' counts add up to every headline total."""
        parts = sum((stated(p.claim) for _, p in self.sections), Span(0.0, 0.0))
        return all(stated(t.claim).overlaps(parts) for t in self.totals)


def headings(doc: DocText) -> list[tuple[int, int]]:
    """(number, flat position) of the longest run of headings numbered 1, 2, 3, … in one style."""
    by_style: dict[str, list[tuple[int, int]]] = {}
    for m in HEADING.finditer(doc.raw):
        style = next(k for k in ("ord", "paren", "cn", "num", "en") if m.group(k))
        value = m.group(style)
        n = int(value) if value.isdigit() else cn_number(value)
        by_style.setdefault(style, []).append((n, doc.at(m.start())))
    best: list[tuple[int, int]] = []
    for found in by_style.values():
        run: list[tuple[int, int]] = []
        for n, pos in found:
            if n == len(run) + 1:
                run.append((n, pos))
            elif n == 1:
                run = [(n, pos)]
            best = max(best, run, key=len)
    return best if len(best) >= 2 else []


def nouns_match(a: str, b: str) -> bool:
    """Two nouns name the same thing when one ends the other ("任务", "重点任务")."""
    return len(min(a, b, key=len)) >= 2 and (a.endswith(b) or b.endswith(a))


def _section_count(doc: DocText, start: int, end: int) -> Placed | None:
    first_end = doc.sentence_of(start)[1]
    limit = min(end, doc.sentence_of(first_end)[1])
    for p in doc.claims_in(start, limit):
        if p.claim.unit == "count" and doc.marker_before(p, SECTION_MARKERS, gap=2):
            return p
    return None


def beside_sections(doc: DocText) -> list[Placed]:
    """Claims in a sentence that also says how many sections there are ("九个方面，共165项")."""
    if "beside_sections" not in doc.memo:
        counts = [q for q in doc.placed if SECTION_NOUNS.match(doc.flat[q.end : q.end + 12].lstrip())]
        spans = {doc.sentence_of(q.start) for q in counts}
        doc.memo["beside_sections"] = [p for start, end in sorted(spans) for p in doc.claims_in(start, end)]
    return cast(list[Placed], doc.memo["beside_sections"])


def headline_candidates(
    doc: DocText, unit: str, noun: str, end: int, sections: int | None = None
) -> Structure:
    """Totals before `end` with the sections' unit and noun, and the "N个方面" beside them.

    Given `sections` (another report's headline must name that many), only the
    sentences that state a number of sections are read: cheap across many reports.
    """
    found = Structure([], noun)
    for p in doc.claims_in(0, end) if sections is None else beside_sections(doc):
        after = doc.noun_after(p)
        # A title runs into the next line in flat text: "重点任务长三角新一轮…" still names 重点任务.
        if unit_key(p.claim) != unit or not (nouns_match(after, noun) or after.startswith(noun)):
            continue
        s_start, s_end = doc.sentence_of(p.start)
        beside = [
            q
            for q in doc.claims_in(s_start, s_end)
            if SECTION_NOUNS.match(doc.flat[q.end : q.end + 12].lstrip())
        ]
        if sections is not None and not any(q.claim.value == sections for q in beside):
            continue
        if beside or doc.marker_before(
            p, ("共有", "共计", "共", "总计", "合计", "a total of", "total of"), gap=2
        ):
            found.totals.append(p)
            found.stated_sections.extend(q for q in beside if q not in found.stated_sections)
    return found


def structure(doc: DocText) -> Structure | None:
    """The document's sections with a count each, and its own headline totals (possibly none)."""
    heads = headings(doc)
    if not heads:
        return None
    bounds = [pos for _, pos in heads] + [len(doc.flat)]
    counts = [_section_count(doc, bounds[i], bounds[i + 1]) for i in range(len(heads))]
    if any(c is None for c in counts):
        return None
    placed = [c for c in counts if c is not None]
    units = {unit_key(c.claim) for c in placed}
    nouns = [doc.noun_after(c) for c in placed]
    noun = min(nouns, key=len)
    if len(units) != 1 or not all(nouns_match(n, noun) for n in nouns):
        return None
    unit = units.pop()
    found = headline_candidates(doc, unit, noun, bounds[0])
    found.sections = [(n, c) for (n, _), c in zip(heads, placed, strict=True)]
    found.unit = unit
    return found
