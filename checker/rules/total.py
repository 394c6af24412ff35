"""total: parts must add up to their total, within a document and across documents.

Judges the extractor's relations: sums the text states ("14个……加上5个联盟共有19个"),
breakdowns ("共有5个，其中上海、江苏、浙江各1个，安徽2个": 各 counts every named
item) and numbered sections each stating "共有N项重点任务" against the headline
"九个方面，共165项重点任务" (and 九个方面 against the number of sections).  When a
document has the sections but not the headline, the headline of another report
that names the same number of sections is used; a report restating the headline
of a plan that adds up is held to that plan.  Counts are exact; other figures
carry their written precision, so rounded parts are no error.  A breakdown far
short of its total may be a partial list: a warning.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import partial

from pydantic import Field

from checker.match import normalise_subject
from checker.models import (
    Claim,
    ClaimRef,
    Finding,
    HeadlineRelation,
    Interval,
    SectionsRelation,
    Severity,
    TotalRelation,
)
from checker.rules.base import Rule, RuleConfig, RuleContext
from checker.rules.wording import number, quote, span_text

# A breakdown whose parts reach less than this share of its total may be a partial list.
PARTIAL = 0.8


class TotalConfig(RuleConfig):
    """Keys of a `total` rule."""

    in_text: bool = Field(default=True, description="check sums and breakdowns stated in sentences")
    sections: bool = Field(default=True, description="check numbered sections against the headline total")
    tolerance: float = Field(default=0.0, ge=0, description="extra slack, as a fraction of the total")


def nouns_match(a: str, b: str) -> bool:
    """Two nouns name the same thing when one ends the other ("任务", "重点任务")."""
    return len(min(a, b, key=len)) >= 2 and (a.endswith(b) or b.endswith(a))


def _names(headline: HeadlineRelation, plan: SectionsRelation, ctx: RuleContext) -> bool:
    """A headline of another report names this plan: same unit and noun, and its number of sections."""
    return (
        headline.unit == plan.unit
        and (nouns_match(headline.noun, plan.noun) or headline.noun.startswith(plan.noun))
        and any(ctx.claim(q).value == len(plan.sections) for q in headline.stated_sections)
    )


def _sum(parts: list[tuple[Claim, int]]) -> Interval:
    total = Interval.point(0.0)
    for claim, k in parts:
        total = total + claim.interval.times(k)
    return total


class Total(Rule):
    """Parts must add up to their stated total (sums, breakdowns, numbered sections)."""

    kind = "total"
    code = "CK201"
    name = "arithmetic.total"
    groups = ("all", "arithmetic")
    specificity = 2
    scope = "component"
    config_model = TotalConfig

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cfg = self.config
        assert isinstance(cfg, TotalConfig)
        if cfg.in_text:
            for rel in ctx.relations_of(TotalRelation):
                totals = [ctx.claim(i) for i in [*rel.totals, *rel.restated]]
                parts = [(ctx.claim(p.claim), p.times) for p in rel.parts]
                label = rel.noun or normalise_subject(totals[0].subject) or totals[0].unit
                fact = f"total:{label}@{rel.path}"
                yield ctx.recall(
                    self.id,
                    (rel, *totals, *(p for p, _ in parts)),
                    partial(self._judge, rel.shape, totals, parts, fact, cfg.tolerance),
                )
        if cfg.sections:
            yield from self._sections(ctx, cfg.tolerance)

    def _sections(self, ctx: RuleContext, tolerance: float) -> Iterator[Finding]:
        plans = ctx.relations_of(SectionsRelation)
        headlines = ctx.relations_of(HeadlineRelation)
        for plan in plans:
            totals, stated = list(plan.totals), list(plan.stated_sections)
            if not totals:
                # The headline is in another report: those that name the same number of sections.
                for h in (h for h in headlines if h.path != plan.path and _names(h, plan, ctx)):
                    totals.append(h.total)
                    stated += [q for q in h.stated_sections if q not in stated]
            parts = [(ctx.claim(s.claim), 1) for s in plan.sections]
            if totals:
                said = [ctx.claim(t) for t in totals]
                yield self._judge(
                    "sections", said, parts, f"total:sections:{plan.noun}@{plan.path}", tolerance
                )
            if stated:
                yield self._section_count(plan, [ctx.claim(q) for q in stated])
        # A plan whose sections add up to its own headline is what other reports' restatements are
        # held to; one that does not is already an error, and could be wrong either way.
        sound = [p for p in plans if p.totals and self._adds_up(p, ctx)]
        sectioned = {p.path for p in plans}
        for path in sorted({h.path for h in headlines} - sectioned):
            yield from self._restated(ctx, path, [h for h in headlines if h.path == path], sound, tolerance)

    @staticmethod
    def _adds_up(plan: SectionsRelation, ctx: RuleContext) -> bool:
        parts = _sum([(ctx.claim(s.claim), 1) for s in plan.sections])
        return all(ctx.claim(t).interval.near(parts) for t in plan.totals)

    def _restated(
        self,
        ctx: RuleContext,
        path: str,
        headlines: list[HeadlineRelation],
        plans: list[SectionsRelation],
        tolerance: float,
    ) -> Iterator[Finding]:
        """A report that restates a sectioned headline ("九个方面，共165项") against the sections' sum."""
        by_key: dict[tuple[str, str, int], list[SectionsRelation]] = {}
        for p in plans:
            by_key.setdefault((p.unit, p.noun, len(p.sections)), []).append(p)
        for (_, noun, _), same in by_key.items():
            said = [ctx.claim(h.total) for h in headlines if _names(h, same[0], ctx)]
            if not said:
                continue
            # Many copies of one plan may differ: hold the restatement to the sum most of them give.
            sums = [sum(ctx.claim(s.claim).value for s in p.sections) for p in same]
            common = Counter(sums).most_common(1)[0][0]
            plan = same[sums.index(common)]
            parts = [(ctx.claim(s.claim), 1) for s in plan.sections]
            yield self._judge("sections", said, parts, f"total:sections:{noun}@{path}", tolerance)

    def _section_count(self, plan: SectionsRelation, stated: list[Claim]) -> Finding:
        n = len(plan.sections)
        refs = [ClaimRef.of(c, role="sections") for c in stated]
        said = ", ".join(quote(c) for c in stated)
        fact = f"total:section-count:{plan.noun}@{plan.path}"
        if any(c.value != n for c in stated):
            return self.finding(
                f"The text says {said} sections, but {n} numbered sections follow.", refs, fact
            )
        return self.finding(f"{n} numbered sections, as the text says ({said}).", refs, fact, passed=True)

    def _judge(
        self, shape: str, totals: list[Claim], parts: list[tuple[Claim, int]], fact: str, tolerance: float
    ) -> Finding:
        got = _sum(parts)
        first = totals[0]
        wrong = [t for t in totals if not t.interval.near(got, tolerance * abs(first.value))]
        refs = [ClaimRef.of(t, role="total") for t in totals] + [
            ClaimRef.of(p, role="part") for p, _ in parts
        ]
        written = span_text(got, first)
        if shape == "sections":
            head = (
                f"{len(parts)} sections add up to {written} ({'+'.join(number(p.value) for p, _ in parts)})"
            )
        else:
            head = " + ".join(f"{k}×{quote(p)}" if k > 1 else quote(p) for p, k in parts) + f" = {written}"
        if not wrong:
            said = ", ".join(quote(t) for t in totals)
            return self.finding(f"{head}, as the total says ({said}).", refs, fact, passed=True)
        home = parts[0][0].path
        said = ", ".join(f"{quote(t)} ({'line ' if t.path == home else t.path + ':'}{t.line})" for t in wrong)
        short = got.upper is not None and all(
            t.interval.lower is not None and got.upper < PARTIAL * t.interval.lower for t in wrong
        )
        if shape == "breakdown" and short:
            # "共有50家，其中上海10家、江苏15家": far short of the total, the list may just be the
            # main items; a changed figure in a complete breakdown lands much closer.
            message = f"{head}, well short of the total {said}; if the list is partial, say so (等)."
            return self.finding(message, refs, fact, severity=Severity.WARNING)
        return self.finding(f"{head}, but the total says {said}.", refs, fact)
