"""growth: a stated growth rate or increase must follow from its start and end figures.

Judges the extractor's growth relations.  "从2018年的159.24分提高到2023年的409.89分，
年均增速达到20.82%": (409.89/159.24)^(1/5)-1 = 20.8%.  "由9868公里增加到12846公里，新增
2978公里，增幅30.2%": 12846-9868 = 2978, 2978/9868 = 30.2%.  Tolerance comes from
the precision the text uses (every figure is an interval: 20.82% is
20.815–20.825).  When the start figure is in another report (the rate names
its start year, "2018年以来", or compares with last year, 同比), the same fact's
figure for that year is used, only when the reports give exactly one value;
if there is none, nothing is judged.  The formulas are configurable and run by
the safe evaluator.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import partial

from pydantic import Field, field_validator

from checker.match import normalise_subject, unit_key
from checker.models import Claim, ClaimRef, Finding, GrowthRelation, Interval, Severity
from checker.rules.base import Rule, RuleConfig, RuleContext
from checker.rules.evaluator import FormulaError, compile_formula
from checker.rules.wording import like, number, quote
from checker.units import dimension_of

FORMULA_VARIABLES = frozenset({"start", "end", "years"})


class GrowthConfig(RuleConfig):
    """Keys of a `growth` rule."""

    annual_formula: str = Field(default="(end / start) ** (1 / years) - 1", description="average annual rate")
    change_formula: str = Field(default="(end - start) / start", description="relative change")
    tolerance: float = Field(default=0.0, ge=0, description="extra slack in percentage points")

    @field_validator("annual_formula", "change_formula")
    @classmethod
    def _formula(cls, text: str) -> str:
        compile_formula(text, FORMULA_VARIABLES)  # raises FormulaError (a ValueError): a file:line error
        return text


def apply_formula(formula: str, start: Interval, end: Interval, years: int) -> Interval | None:
    """The formula's range over the corners of the figures' ranges (the formulas are monotone)."""
    if not (start.finite and end.finite):
        return None
    f = compile_formula(formula, FORMULA_VARIABLES)
    assert start.lower is not None and start.upper is not None and end.lower is not None
    assert end.upper is not None
    try:
        results = [
            f(start=s, end=e, years=years)
            for s, e in itertools.product((start.lower, start.upper), (end.lower, end.upper))
        ]
    except FormulaError:
        return None
    return Interval(lower=min(results), upper=max(results))


def written(formula: str, start: Claim, end: Claim, years: int) -> str:
    """The formula with the figures put in, and its result: "(409.89 / 159.24) ^ (1 / 5) - 1 = 20.82%"."""
    names = {"start": like(start.value, start), "end": like(end.value, end), "years": str(years)}
    text = re.sub(r"\b(start|end|years)\b", lambda m: names[m.group(1)], formula).replace("**", "^")
    point = apply_formula(formula, Interval.point(start.value), Interval.point(end.value), years)
    return f"{text} = {point.lower * 100:.2f}%" if point and point.lower is not None else text


def start_elsewhere(ctx: RuleContext, end: Claim, year: int) -> Claim | None:
    """The same fact's figure for `year`, from any report: only when exactly one value is stated."""
    subject = normalise_subject(end.subject)
    if len(subject) < 2:
        return None
    found = [
        c
        for c in ctx.with_subject(subject)
        if c is not end and unit_key(c) == unit_key(end) and c.year == year
    ]
    if len({round(c.value, 9) for c in found}) != 1:
        return None
    return sorted(found, key=lambda c: (c.path == end.path, c.path, c.offset))[0]


def _label(rate: Claim, end: Claim) -> str:
    return normalise_subject(rate.subject) or normalise_subject(end.subject) or rate.unit


class Growth(Rule):
    """A growth rate or increase must follow from its start and end figures."""

    kind = "growth"
    code = "CK202"
    name = "arithmetic.growth"
    groups = ("all", "arithmetic")
    specificity = 2
    scope = "component"
    config_model = GrowthConfig

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cfg = self.config
        assert isinstance(cfg, GrowthConfig)
        for rel in ctx.relations_of(GrowthRelation):
            end = ctx.claim(rel.end)
            start = ctx.claim(rel.start) if rel.start else None
            if start is None and rel.start_year is not None:
                start = start_elsewhere(ctx, end, rel.start_year)
            if start is None or rel.rate is None:
                continue
            if rel.measure == "annual":
                rate = ctx.claim(rel.rate)
                # `start` may be another report's figure of the start year: it is one of what is judged.
                finding = ctx.recall(
                    self.id, (rel, start, end, rate), partial(self._annual, rel, start, end, rate, cfg)
                )
                if finding is not None:
                    yield finding
            else:
                yield from self._change(ctx, rel, start, end, cfg)

    def _annual(
        self, rel: GrowthRelation, start: Claim, end: Claim, rate: Claim, cfg: GrowthConfig
    ) -> Finding | None:
        y1, y2 = rel.start_year, rel.end_year
        if y1 is None or y2 is None or y2 <= y1:
            return None
        implied = apply_formula(cfg.annual_formula, start.interval, end.interval, y2 - y1)
        if implied is None:
            return None
        refs = [
            ClaimRef.of(start, role="start"),
            ClaimRef.of(end, role="end"),
            ClaimRef.of(rate, role="rate"),
        ]
        where = "" if rel.start is not None else f" (the {y1} figure from {start.path}:{start.line})"
        arithmetic = written(cfg.annual_formula, start, end, y2 - y1)
        head = f"From {quote(start)} ({y1}) to {quote(end)} ({y2}){where}: {arithmetic} a year"
        fact = f"growth:annual:{_label(rate, end)}@{rel.path}"
        return self._verdict(head, implied, rate.interval, rate, refs=refs, fact=fact, cfg=cfg)

    def _change(
        self, ctx: RuleContext, rel: GrowthRelation, start: Claim, end: Claim, cfg: GrowthConfig
    ) -> Iterator[Finding]:
        rate = ctx.claim(rel.rate) if rel.rate else None
        label = _label(rate or end, end)
        refs = [ClaimRef.of(start, role="start"), ClaimRef.of(end, role="end")]
        if rel.difference is not None:
            diff = ctx.claim(rel.difference)
            head = f"{quote(end)} - {quote(start)} = {number(end.value - start.value)}"
            yield self._verdict(
                head, end.interval - start.interval, diff.interval.times(-1.0 if rel.difference_down else 1.0),
                diff, scale=1.0, cfg=cfg, refs=[*refs, ClaimRef.of(diff, role="difference")],
                fact=f"growth:difference:{label}@{rel.path}",
            )  # fmt: skip
        implied = apply_formula(cfg.change_formula, start.interval, end.interval, 0)
        if implied is not None and rate is not None:
            head = f"From {quote(start)} to {quote(end)}: {written(cfg.change_formula, start, end, 0)}"
            said = rate.interval.times(-1.0 if rel.down else 1.0)
            fact = f"growth:change:{label}@{rel.path}"
            refs = [*refs, ClaimRef.of(rate, role="rate")]
            yield self._verdict(head, implied, said, rate, refs=refs, fact=fact, cfg=cfg)

    def _verdict(
        self, head: str, got: Interval, said: Interval, claim: Claim, *, refs: list[ClaimRef], fact: str,
        cfg: GrowthConfig, scale: float = 100.0,
    ) -> Finding:  # fmt: skip
        got = got.times(scale)
        if got.near(said, cfg.tolerance if scale == 100.0 else 0.0):
            return self.finding(f"{head}, as stated ({quote(claim)}).", refs, fact, passed=True)
        if _prices_differ(refs):
            # A money amount's growth is usually reported at comparable prices (real growth), and
            # another report's figure for last year is at that year's prices (and may be revised).
            message = (
                f"{head}, but the text says {quote(claim)}; the start is another report's figure at "
                "its own prices, so the stated rate may be real growth: check before correcting."
            )
            return self.finding(message, refs, fact, severity=Severity.WARNING)
        return self.finding(f"{head}, but the text says {quote(claim)}.", refs, fact)


def _prices_differ(refs: list[ClaimRef]) -> bool:
    """A money amount whose start and end come from different reports."""
    start = next((r for r in refs if r.role == "start"), None)
    end = next((r for r in refs if r.role == "end"), None)
    return (
        start is not None
        and end is not None
        and start.path != end.path
        and dimension_of(end.unit).startswith("[currency")
    )
