"""equivalence: one quantity said in two units must convert (through pint, checker/units.py).

Judges the extractor's restatements.  A restatement in brackets or after
即/合/相当于/"or" ("144小时（6天）") must be the same figure to its written
precision: 6 days are 144 hours, 5 days are not (the bound word of the first
figure does not widen the second).  With `nearby: true`, two figures of one
quantity near each other ("已安全运行30个月……两年多的安全运行") must overlap once
converted: 30 months are 2.5 years, inside 两年多 = (2, 3) years; it is off by
default, because adjacent figures in two units are more often two facts.  Figures with the same subject in
different reports are compared the same way.  Each figure is checked against
one partner at most.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from pydantic import Field

from checker.extract.relations import pairable
from checker.match import normalise_subject
from checker.match.identity import PeriodKey, light, modality_class, period_key
from checker.models import Claim, ClaimRef, Finding, Interval, Restatement
from checker.rules.base import Rule, RuleConfig, RuleContext
from checker.rules.wording import number, quote, range_text, unit_name
from checker.units import convert


class EquivalenceConfig(RuleConfig):
    """Keys of an `equivalence` rule."""

    nearby: bool = Field(
        default=False,
        description="also judge figures near each other that look like one quantity (off: two adjacent "
        "figures are often two different facts; only a restatement says it is one quantity)",
    )
    window: int = Field(default=200, ge=10, description="how far apart (characters) nearby figures may be")
    across_documents: bool = Field(default=True, description="pair figures with one subject across reports")


class Equivalence(Rule):
    """One quantity said in two units must convert (144小时（6天）, 30个月 vs 两年多)."""

    kind = "equivalence"
    code = "CK203"
    name = "units.equivalence"
    groups = ("all", "units")
    specificity = 2
    scope = "component"
    config_model = EquivalenceConfig

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cfg = self.config
        assert isinstance(cfg, EquivalenceConfig)
        used: set[str] = set()
        for rel in ctx.relations_of(Restatement):
            a, b = ctx.claim(rel.stated), ctx.claim(rel.restated)
            if rel.how == "restated":
                used |= {a.id, b.id}
                yield ctx.recall(
                    self.id, (rel, a, b), partial(self._judge, a, b, a.figure, b.figure, "restated")
                )
            elif cfg.nearby and b.offset - a.end <= cfg.window:
                used |= {a.id, b.id}
                yield ctx.recall(
                    self.id, (rel, a, b), partial(self._judge, a, b, a.interval, b.interval, "nearby")
                )
        if cfg.across_documents:
            yield from self._across(ctx, used)

    def _across(self, ctx: RuleContext, used: set[str]) -> Iterator[Finding]:
        # Bucket by subject, period and modality, then by unit: only buckets of two units can pair
        # (keeps this linear); figures of other years or a target and an outcome are not one quantity.
        by_subject: dict[tuple[str, PeriodKey, str], dict[str, list[Claim]]] = {}
        for c in ctx.claims:
            subject = normalise_subject(c.subject)
            if len(subject) >= 3 and c.id not in used and not light(subject):
                key = (subject, period_key(c, ctx.dates), modality_class(c.modality))
                by_subject.setdefault(key, {}).setdefault(c.unit, []).append(c)
        for units in by_subject.values():
            if len(units) < 2:
                continue
            for ua, ub in ((x, y) for x in sorted(units) for y in sorted(units) if x < y):
                for a in units[ua]:
                    b = next((b for b in units[ub] if b.path != a.path and b.id not in used), None)
                    if b is not None and a.id not in used and pairable(a, b):
                        used |= {a.id, b.id}
                        a, b = sorted((a, b), key=lambda c: (c.path, c.offset))  # noqa: PLW2901
                        yield self._judge(a, b, a.interval, b.interval, "same subject")

    def _judge(self, a: Claim, b: Claim, span_a: Interval, span_b: Interval, how: str) -> Finding:
        refs = [ClaimRef.of(a, role="stated"), ClaimRef.of(b, role=how)]
        fact = f"equivalence:{a.unit}/{b.unit}:{normalise_subject(a.subject) or normalise_subject(b.subject)}"
        # Say it the way a reader checks it: the plain figure converted into the other's unit.
        (x, sx), (y, sy) = (
            ((b, span_b), (a, span_a)) if how == "restated" or a.bound != "=" else ((a, span_a), (b, span_b))
        )
        converted = Interval(
            lower=None if sx.lower is None else convert(sx.lower, x.unit, y.unit),
            upper=None if sx.upper is None else convert(sx.upper, x.unit, y.unit),
        )
        head = f"{quote(x)} = {number(round(convert(x.value, x.unit, y.unit), 4))} {unit_name(y.unit)}"
        exact = how == "restated" or y.bound == "="
        says = f"{number(y.value)} {unit_name(y.unit)}" if exact else range_text(sy, y.unit)
        if converted.near(sy):
            word = "as" if exact else "within"
            return self.finding(f"{head}, {word} {quote(y)} ({says}).", refs, fact, passed=True)
        return self.finding(f"{head}, but {quote(y)} says {says}.", refs, fact)
