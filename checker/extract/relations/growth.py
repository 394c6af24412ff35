"""A start, an end and a stated rate or increase between them: GrowthRelation.

"从2018年的159.24分提高到2023年的409.89分，年均增速达到20.82%": a start and an
end figure joined by 从…到, each with its year, then a rate named by its
keyword.  "2018年以来" between the figures and the rate moves the rate's start
year, so "从2011年的100分增至2023年的267.57分，2018年以来……年均增幅9.26%" does not
judge 9.26% against 2011 (its start figure is then looked for in other reports
by the rule).  "2023年为105亿元，同比增长5%" has its start, last year's figure,
in another report too.
"""

from __future__ import annotations

import re

from checker.extract.relations.text import DocText, Placed
from checker.models import GrowthRelation
from checker.units import unit_key

ANNUAL = re.compile(
    r"(?:年均|年平均|每年平均|年复合|复合年均)(?:增速|增长率|增长|增幅|提高|上升|涨幅|增加)"
    r"|average annual (?:growth rate|growth|increase|rate)|annual average growth|compound annual growth(?: rate)?"
    r"|\bCAGR\b",
    re.I,
)
UP = re.compile(
    r"增幅|增长|增速|提高|上升|增加|涨幅|提升|(?:an )?increase of|\bup\b|rose by|rise of|grew by|growth of",
    re.I,
)
DOWN = re.compile(
    r"降幅|下降|减少|降低|(?:a )?decrease of|\bdown\b|fell by|fall of|decline of|dropped by", re.I
)
DIFF = re.compile(
    r"(?:新增|增加了?|增长了?|提高了?|减少了?|下降了?|an increase of|a decrease of|up by|down by)\s*$", re.I
)
FROM = re.compile(r"(?:从|由|\bfrom\b)[^，,。；;]{0,14}$", re.I)
TO = re.compile(r"到|至|达到|\bto\b", re.I)
SINCE = re.compile(r"(\d{4})\s*年\s*以来|自\s*(\d{4})\s*年|\bsince\s+(\d{4})", re.I)


# What may stand before a rate's keyword in its clause: a period, a link word — not a new
# subject ("营收从100亿元增长到120亿元，利润增长15%": 15% is not the revenue's growth).
RATE_LEAD = re.compile(
    r"^\s*(?:其|其中|同比|比上年|较上年|比去年|较去年|全年|分别|\d{4}\s*年\s*以来|自\s*\d{4}\s*年(?:以来)?"
    r"|an?|the|and|or|with|for|since \d{4},?)?\s*$",
    re.I,
)


def keyword(doc: DocText, p: Placed, pattern: re.Pattern[str], gap: int = 6) -> re.Match[str] | None:
    """The last match of `pattern` ending at most `gap` characters (no figures) before the claim.

    Only a keyword that opens its clause counts (after a period or link word, see RATE_LEAD).
    """
    head = doc.flat[doc.clause_start(p.start) : p.start]
    found = None
    for m in pattern.finditer(head):
        between = head[m.end() :]
        if (
            len(between.strip()) <= gap
            and not re.search(r"\d", between)
            and RATE_LEAD.match(head[: m.start()])
        ):
            found = m
    return found


def year_of(p: Placed) -> int | None:
    """The year a figure refers to (the extractor puts the adjacent year first: "2018年的159.24分")."""
    return p.claim.year


def since_year(text: str) -> int | None:
    """The start year a period phrase names ("2018年以来", "since 2018")."""
    found = list(SINCE.finditer(text))
    return int(next(g for g in found[-1].groups() if g)) if found else None


def values(doc: DocText, rate: Placed, start: int) -> list[Placed]:
    """Figures (not percentages) before the rate, back to `start`, outside brackets."""
    return [
        p
        for p in doc.claims_in(start, rate.start)
        if p.claim.unit not in ("percent", "percentage_point") and not doc.in_brackets(p)
    ]


YOY = re.compile(
    r"同比|比上年|较上年|比去年|较去年|year[- ]on[- ]year|from a year earlier|over last year", re.I
)


def last_dated(doc: DocText, rate: Placed) -> Placed | None:
    """The last figure with a year before the rate in its sentence (not a difference)."""
    s_start, _ = doc.sentence_of(rate.start)
    dated = [
        p
        for p in values(doc, rate, s_start)
        if year_of(p) is not None and not DIFF.search(doc.flat[max(0, p.start - 16) : p.start])
    ]
    return dated[-1] if dated else None


def difference_before(doc: DocText, rate: Placed) -> bool | None:
    """For "增加2978公里，即30.2%" / "an increase of 2,978 km or 30.2%": whether that difference falls."""
    before = [p for p in doc.claims_in(doc.sentence_of(rate.start)[0], rate.start)]
    if not before or not re.fullmatch(
        r"\s*(?:or|,|，|（|\(|即|或)\s*", doc.flat[before[-1].end : rate.start]
    ):
        return None
    head = doc.flat[max(0, before[-1].start - 16) : before[-1].start]
    if not DIFF.search(head):
        return None
    return bool(DOWN.search(head))


def from_to(doc: DocText, rate: Placed) -> tuple[Placed, Placed] | None:
    """The "from V1 to V2" pair closest before the rate in its sentence, with no other rate between."""
    s_start, _ = doc.sentence_of(rate.start)
    between_rates = [p for p in doc.claims_in(s_start, rate.start) if p.claim.unit == "percent"]
    floor = between_rates[-1].end if between_rates else s_start
    # "新增2978公里" between the pair and the rate is the difference, not the end figure.
    found = [p for p in values(doc, rate, floor) if not DIFF.search(doc.flat[max(0, p.start - 16) : p.start])]
    for i in range(len(found) - 1, 0, -1):
        v2 = found[i]
        v1 = found[i - 1]
        if unit_key(v1.claim) != unit_key(v2.claim):
            continue
        if FROM.search(doc.flat[doc.clause_start(v1.start) : v1.start]) and TO.search(
            doc.flat[v1.end : v2.start]
        ):
            return v1, v2
        break
    return None


def _annual(doc: DocText, rate: Placed) -> GrowthRelation | None:
    pair = from_to(doc, rate)
    start: Placed | None
    if pair is not None:
        start, end = pair
        y1 = year_of(start)
        since = since_year(doc.flat[end.end : rate.start])
    else:
        # "2023年达409.89分，2018年以来年均增长20.82%": the 2018 figure is stated elsewhere.
        found = last_dated(doc, rate)
        if found is None:
            return None
        start, end, y1 = None, found, None
        since = since_year(doc.flat[doc.sentence_of(rate.start)[0] : rate.start])
    y2 = year_of(end)
    if since is not None and since != y1:
        # The rate runs from another year than the sentence's first figure: its start is elsewhere.
        y1, start = since, None
    if y1 is None or y2 is None or y2 <= y1:
        return None
    return GrowthRelation(
        path=doc.path,
        measure="annual",
        rate=rate.claim.id,
        start=start.claim.id if start else None,
        end=end.claim.id,
        start_year=y1,
        end_year=y2,
    )


def _difference(doc: DocText, end: Placed, rate: Placed) -> tuple[Placed, bool] | None:
    """A stated increase between the end figure and the rate ("新增2978公里"), and whether it falls."""
    for diff in doc.claims_in(end.end, rate.start):
        head = doc.flat[max(0, diff.start - 16) : diff.start]
        if diff.claim.unit == end.claim.unit and DIFF.search(head):
            return diff, bool(DOWN.search(head))
    return None


def _change(doc: DocText, rate: Placed, *, down: bool) -> GrowthRelation | None:
    pair = from_to(doc, rate)
    if pair is not None:
        start: Placed | None = pair[0]
        end = pair[1]
        y1, y2 = year_of(pair[0]), year_of(end)
    else:
        # "2023年为105亿元，同比增长5%": last year's figure is in another report.
        clause = doc.flat[doc.clause_start(rate.start, "。；;！？!?") : rate.start]
        found = last_dated(doc, rate)
        y2 = year_of(found) if found else None
        if found is None or y2 is None or not YOY.search(clause):
            return None

        start, end, y1 = None, found, y2 - 1
    diff = _difference(doc, end, rate)
    return GrowthRelation(
        path=doc.path,
        measure="change",
        rate=rate.claim.id,
        down=down,
        start=start.claim.id if start else None,
        end=end.claim.id,
        start_year=y1,
        end_year=y2,
        difference=diff[0].claim.id if diff else None,
        difference_down=diff[1] if diff else False,
    )


def growth(doc: DocText) -> list[GrowthRelation]:
    """Every stated rate or increase with its start and end figures."""
    out = []
    for rate in (p for p in doc.placed if p.claim.unit == "percent"):
        found = None
        if keyword(doc, rate, ANNUAL):
            found = _annual(doc, rate)
        elif (up := keyword(doc, rate, UP)) or keyword(doc, rate, DOWN):
            found = _change(doc, rate, down=up is None)
        elif (falls := difference_before(doc, rate)) is not None:
            # "an increase of 2,978 km or 30.2%": the rate shares the difference's word.
            found = _change(doc, rate, down=falls)
        if found is not None:
            out.append(found)
    return out
