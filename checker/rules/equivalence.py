"""equivalence: one quantity said in two units must convert (through pint, checker/units.py).

A restatement in brackets or after 即/合/相当于/"or" ("144小时（6天）") must be the
same figure to its written precision: 6 days are 144 hours, 5 days are not
(the bound word of the first figure does not widen the second).  Two figures
of one quantity near each other ("已安全运行30个月……两年多的安全运行": shared words
around both) must overlap once converted: 30 months are 2.5 years, inside
两年多 = (2, 3) years.  Figures with the same subject in different reports are
compared the same way.  Each figure is checked against one partner at most.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import Field

from checker.match import normalise_subject
from checker.models import Claim, ClaimRef, Finding
from checker.rules.base import Rule, RuleConfig, RuleContext
from checker.rules.figures import Span, figure, number, quote, range_text, stated, unit_name
from checker.rules.textscan import DocText, Placed
from checker.units import comparable, convert, dimension_of

# Between a figure and its restatement: a short noun at most, then a bracket or 即/合/or …
RESTATE = re.compile(
    r"^[^，,。；;：:()（）\d]{0,8}?\s*(?:[（(]|即|合|约合|相当于|或|,?\s*or\b|,?\s*i\.e\.,?)"
    r"\s*(?:或|即|约|or|i\.e\.,?|about|nearly|some)?\s*(?:about\s+|约)?$"
)
# Words shared by nearly every sentence of a corpus say nothing about which quantity is meant.
STOP_BIGRAMS = {
    "长三",
    "三角",
    "一体",
    "体化",
    "发展",
    "我们",
    "这项",
    "项工",
    "工程",
    "已经",
    "一个",
    "本身",
    "也是",
}
NOT_PHYSICAL = {"dimensionless", "[count]", "[score]", "[age]"}


class EquivalenceConfig(RuleConfig):
    """Keys of an `equivalence` rule."""

    nearby: bool = Field(default=True, description="also pair figures of one quantity near each other")
    window: int = Field(default=200, ge=10, description="how far apart (characters) nearby figures may be")
    across_documents: bool = Field(default=True, description="pair figures with one subject across reports")


def _context(doc: DocText, p: Placed) -> set[str]:
    """Words around a figure within its own clause (a neighbour's words are not shared context)."""
    start = max(doc.clause_start(p.start), p.start - 8)
    end = p.end
    while end < min(len(doc.flat), p.end + 8) and doc.flat[end] not in "，,。；;：:！？!?":
        end += 1
    around = doc.flat[start : p.start] + "|" + doc.flat[p.end : end]
    pairs = {around[i : i + 2] for i in range(len(around) - 1)}
    words = set(re.findall(r"[a-z]{4,}", around.lower()))
    return {b for b in pairs if re.fullmatch(r"[\u4e00-\u9fff]{2}", b) and b not in STOP_BIGRAMS} | words


def _pairable(a: Claim, b: Claim) -> bool:
    return a.unit != b.unit and comparable(a.unit, b.unit) and dimension_of(a.unit) not in NOT_PHYSICAL


class Equivalence(Rule):
    """One quantity said in two units must convert (144小时（6天）, 30个月 vs 两年多)."""

    kind = "equivalence"
    config_model = EquivalenceConfig

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cfg = self.config
        assert isinstance(cfg, EquivalenceConfig)
        used: set[str] = set()
        docs = ctx.documents()
        for doc in docs:
            for i, a in enumerate(doc.placed):
                for b in doc.placed[i + 1 : i + 3]:
                    gap = doc.flat[a.end : b.start]
                    if (
                        RESTATE.match(gap)
                        and _pairable(a.claim, b.claim)
                        and not {a.claim.ident, b.claim.ident} & used
                    ):
                        used |= {a.claim.ident, b.claim.ident}
                        yield self._judge(a.claim, b.claim, figure(a.claim), figure(b.claim), "restated")
        for doc in docs if cfg.nearby else []:
            for i, a in enumerate(doc.placed):
                for b in doc.placed[i + 1 :]:
                    if b.start - a.end > cfg.window:
                        break
                    if {a.claim.ident, b.claim.ident} & used or not _pairable(a.claim, b.claim):
                        continue
                    if _context(doc, a) & _context(doc, b):
                        used |= {a.claim.ident, b.claim.ident}
                        yield self._judge(a.claim, b.claim, stated(a.claim), stated(b.claim), "nearby")
        if cfg.across_documents:
            yield from self._across(ctx, used)

    def _across(self, ctx: RuleContext, used: set[str]) -> Iterator[Finding]:
        # Bucket by subject, then by unit: only buckets of two units can pair (keeps this linear).
        by_subject: dict[str, dict[str, list[Claim]]] = {}
        for c in ctx.claims:
            subject = normalise_subject(c.subject)
            if len(subject) >= 3 and c.ident not in used:
                by_subject.setdefault(subject, {}).setdefault(c.unit, []).append(c)
        for units in by_subject.values():
            if len(units) < 2:
                continue
            for ua, ub in ((x, y) for x in sorted(units) for y in sorted(units) if x < y):
                for a in units[ua]:
                    b = next((b for b in units[ub] if b.path != a.path and b.ident not in used), None)
                    if b is not None and a.ident not in used and _pairable(a, b):
                        used |= {a.ident, b.ident}
                        a, b = sorted((a, b), key=lambda c: (c.path, c.offset))  # noqa: PLW2901
                        yield self._judge(a, b, stated(a), stated(b), "same subject")

    def _judge(self, a: Claim, b: Claim, span_a: Span, span_b: Span, how: str) -> Finding:
        refs = [ClaimRef.of(a, role="stated"), ClaimRef.of(b, role=how)]
        fact = f"equivalence:{a.unit}/{b.unit}:{normalise_subject(a.subject) or normalise_subject(b.subject)}"
        # Say it the way a reader checks it: the plain figure converted into the other's unit.
        (x, sx), (y, sy) = (
            ((b, span_b), (a, span_a)) if how == "restated" or a.bound != "=" else ((a, span_a), (b, span_b))
        )
        converted = Span(convert(sx.lo, x.unit, y.unit), convert(sx.hi, x.unit, y.unit))
        value = convert(x.value, x.unit, y.unit)
        head = f"{quote(x)} = {number(round(value, 4))} {unit_name(y.unit)}"
        exact = how == "restated" or y.bound == "="
        says = f"{number(y.value)} {unit_name(y.unit)}" if exact else range_text(sy, y.unit)
        if converted.overlaps(sy):
            word = "as" if exact else "within"
            return self.finding(f"{head}, {word} {quote(y)} ({says}).", refs, fact, passed=True)
        return self.finding(f"{head}, but {quote(y)} says {says}.", refs, fact)
