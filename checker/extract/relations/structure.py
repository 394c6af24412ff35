"""Numbered sections, each stating its own count, and the headline total: SectionsRelation, HeadlineRelation.

    九个方面,共165项重点任务 …
    一、加强长三角科技创新跨区域协同 / 共有20项重点任务, …
    …
    九、着力提升安全发展能力 / 共有13项重点任务, …

Headings are numbered lines (一、 (一) 1. 第一部分 "Section 1"), consecutive from
one; each section's count is its first figure marked 共有/包括/"there are"
(or naming the headline's noun).  The headline is a figure before the first
heading with the same unit and noun; "九个方面" is the number of sections.  A
report without the sections that restates such a headline gets a
HeadlineRelation, so the plan's sections elsewhere can be held to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.extract.cjk_numerals import parse_cjk
from checker.extract.lexicon import HEADING_PATTERN, TOTAL_MARKERS, TOTAL_MARKERS_BARE
from checker.extract.relations.text import DocText, Placed
from checker.models import HeadlineRelation, Section, SectionsRelation
from checker.units import unit_key

HEADING = re.compile(HEADING_PATTERN, re.M)
SECTION_MARKERS = ("共有", "共计", "共", "包括", "包含", "涵盖", "有", "there are", "includes", "include", "contains",
                   "comprises", "covers", "a total of", "total of")  # fmt: skip
SECTION_NOUNS = re.compile(
    r"^(?:个)?(?:方面|部分|领域|板块|章|篇|大类|类|areas?|sections?|parts?|chapters?|pillars?)"
)


@dataclass
class Structure:
    """Sections with their counts, the headline totals, and the stated number of sections."""

    sections: list[tuple[int, Placed]]
    noun: str
    unit: str = ""
    totals: list[Placed] = field(default_factory=list)
    stated_sections: list[Placed] = field(default_factory=list)


def headings(doc: DocText) -> list[tuple[int, int]]:
    """(number, flat position) of the longest run of headings numbered 1, 2, 3, … in one style."""
    by_style: dict[str, list[tuple[int, int]]] = {}
    for m in HEADING.finditer(doc.raw):
        style = next(k for k in ("ord", "paren", "cn", "num", "en") if m.group(k))
        value = m.group(style)
        parsed = parse_cjk(value)
        n = int(value) if value.isdigit() else (parsed.value if parsed else 0)
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
    counts = [q for q in doc.placed if _names_sections(doc, q)]
    spans = {doc.sentence_of(q.start) for q in counts}
    return [p for start, end in sorted(spans) for p in doc.claims_in(start, end)]


def _names_sections(doc: DocText, q: Placed) -> bool:
    """Whether a figure counts sections ("九个方面")."""
    return bool(SECTION_NOUNS.match(doc.flat[q.end : q.end + 12].lstrip()))


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
        beside = [q for q in doc.claims_in(s_start, s_end) if _names_sections(doc, q)]
        if sections is not None and not any(q.claim.value == sections for q in beside):
            continue
        if beside or doc.marker_before(p, (*TOTAL_MARKERS, *TOTAL_MARKERS_BARE), gap=2):
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


def _heading_text(doc: DocText, pos: int) -> str:
    start = doc.raw_offset(pos)
    end = doc.raw.find("\n", start)
    return doc.raw[start : end if end >= 0 else len(doc.raw)].strip()[:60]


def structures(doc: DocText) -> list[SectionsRelation | HeadlineRelation]:
    """The document's numbered sections (if any) and every headline total stated beside a section count."""
    out: list[SectionsRelation | HeadlineRelation] = []
    found = structure(doc)
    if found is not None:
        positions = dict(headings(doc))
        out.append(
            SectionsRelation(
                path=doc.path,
                noun=found.noun,
                unit=found.unit,
                sections=[
                    Section(number=n, heading=_heading_text(doc, positions[n]), claim=p.claim.id)
                    for n, p in found.sections
                ],
                totals=[p.claim.id for p in found.totals],
                stated_sections=[p.claim.id for p in found.stated_sections],
            )
        )
    for p in beside_sections(doc):
        if _names_sections(doc, p):
            continue
        s_start, s_end = doc.sentence_of(p.start)
        beside = [q.claim.id for q in doc.claims_in(s_start, s_end) if _names_sections(doc, q)]
        out.append(
            HeadlineRelation(
                path=doc.path,
                total=p.claim.id,
                noun=doc.noun_after(p),
                unit=unit_key(p.claim),
                stated_sections=beside,
            )
        )
    return out
