"""From/to figures, their years and growth words (the `growth` rule's reading).

"从2018年的159.24分提高到2023年的409.89分，年均增速达到20.82%": a start and an
end figure joined by 从…到, each with its year, then a rate named by its
keyword.  "2018年以来" between the figures and the rate moves the rate's start
year, so "从2011年的100分增至2023年的267.57分，2018年以来……年均增幅9.26%" does not
judge 9.26% against 2011.
"""

from __future__ import annotations

import itertools
import re

from checker.match import normalise_subject, unit_key
from checker.models import Claim
from checker.rules.base import RuleContext
from checker.rules.evaluator import FormulaError, compile_formula
from checker.rules.figures import Span, like
from checker.rules.textscan import DocText, Placed

FORMULA_VARIABLES = frozenset({"start", "end", "years"})
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
YEAR_BEFORE = re.compile(r"(\d{4})\s*年(?:的|底|末|初)?\s*$")
YEAR_AFTER = re.compile(r"^\s*(?:[A-Za-z]+\s+){0,2}?in\s+(\d{4})\b")


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


def year_of(doc: DocText, p: Placed) -> int | None:
    """The year a figure refers to: "2018年的" right before it or "in 2018" right after, else the extractor's.

    The adjacent year wins: in "from 159.24 points in 2018 to 409.89 points in 2023" a
    time scope read forwards would give the end figure the start's year.
    """
    before = YEAR_BEFORE.search(doc.flat[max(0, p.start - 10) : p.start])
    after = YEAR_AFTER.match(doc.flat[p.end : p.end + 30])
    m = before or after
    return int(m.group(1)) if m else p.claim.year


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
        if year_of(doc, p) is not None and not DIFF.search(doc.flat[max(0, p.start - 16) : p.start])
    ]
    return dated[-1] if dated else None


def year_on_year(ctx: RuleContext, doc: DocText, rate: Placed) -> tuple[Placed, Placed] | None:
    """Last year's figure (from any report) and this year's, for "2023年为105亿元，同比增长5%"."""
    clause = doc.flat[doc.clause_start(rate.start, "。；;！？!?") : rate.start]
    end = last_dated(doc, rate)
    year = year_of(doc, end) if end else None
    if end is None or year is None or not YOY.search(clause):
        return None
    start = start_elsewhere(ctx, end.claim, year - 1)
    if start is None:
        return None
    other = ctx.document(start.path)
    placed = other.placed_of(start) if other else None
    return (placed, end) if placed else None


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


def start_elsewhere(ctx: RuleContext, end: Claim, year: int) -> Claim | None:
    """The same fact's figure for `year`, from any report: only when exactly one value is stated."""
    subject = normalise_subject(end.subject)
    if len(subject) < 2:
        return None
    found: list[Claim] = []
    for c in ctx.with_subject(subject):
        if c is end or unit_key(c) != unit_key(end):
            continue
        doc = ctx.document(c.path)
        placed = doc.placed_of(c) if doc else None
        if (c.year if placed is None or doc is None else year_of(doc, placed)) == year:
            found.append(c)
    if len({round(c.value, 9) for c in found}) != 1:
        return None
    return sorted(found, key=lambda c: (c.path == end.path, c.path, c.offset))[0]


def apply_formula(formula: str, start: Span, end: Span, years: int) -> Span | None:
    """The formula's range over the corners of the figures' ranges (the formulas are monotone)."""
    if not (start.finite and end.finite):
        return None
    f = compile_formula(formula, FORMULA_VARIABLES)
    try:
        results = [
            f(start=s, end=e, years=years)
            for s, e in itertools.product((start.lo, start.hi), (end.lo, end.hi))
        ]
    except FormulaError:
        return None
    return Span(min(results), max(results))


def written(formula: str, start: Claim, end: Claim, years: int) -> str:
    """The formula with the figures put in, and its result: "(409.89 / 159.24) ^ (1 / 5) - 1 = 20.82%"."""
    names = {"start": like(start.value, start), "end": like(end.value, end), "years": str(years)}
    text = re.sub(r"\b(start|end|years)\b", lambda m: names[m.group(1)], formula).replace("**", "^")
    point = apply_formula(formula, Span(start.value, start.value), Span(end.value, end.value), years)
    return f"{text} = {point.lo * 100:.2f}%" if point else text
