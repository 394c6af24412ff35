"""growth: a stated growth rate or increase must follow from its start and end figures.

"从2018年的159.24分提高到2023年的409.89分，年均增速达到20.82%": (409.89/159.24)^(1/5)-1
= 20.8%.  "由9868公里增加到12846公里，新增2978公里，增幅30.2%": 12846-9868 = 2978,
2978/9868 = 30.2%.  Tolerance comes from the precision the text uses (every
figure is a range: 20.82% is 20.815–20.825).  When the rate names its start
year ("2018年以来") and that year's figure is not in the sentence, the same
fact's figure from another report is used; if there is none, nothing is
judged.  The formulas are configurable and run by the safe evaluator.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import Field, field_validator

from checker.match import normalise_subject
from checker.models import Claim, ClaimRef, Finding
from checker.rules import periods as pd
from checker.rules.base import Rule, RuleConfig, RuleContext
from checker.rules.evaluator import compile_formula
from checker.rules.figures import Span, number, quote, stated
from checker.rules.textscan import DocText, Placed


class GrowthConfig(RuleConfig):
    """Keys of a `growth` rule."""

    annual_formula: str = Field(default="(end / start) ** (1 / years) - 1", description="average annual rate")
    change_formula: str = Field(default="(end - start) / start", description="relative change")
    tolerance: float = Field(default=0.0, ge=0, description="extra slack in percentage points")

    @field_validator("annual_formula", "change_formula")
    @classmethod
    def _formula(cls, text: str) -> str:
        compile_formula(text, pd.FORMULA_VARIABLES)  # raises FormulaError (a ValueError): a file:line error
        return text


class Growth(Rule):
    """A growth rate or increase must follow from its start and end figures."""

    kind = "growth"
    config_model = GrowthConfig

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cfg = self.config
        assert isinstance(cfg, GrowthConfig)
        for doc in ctx.documents():
            for rate in (p for p in doc.placed if p.claim.unit == "percent"):
                if pd.keyword(doc, rate, pd.ANNUAL):
                    finding = self._annual(ctx, doc, rate, cfg)
                    if finding is not None:
                        yield finding
                elif (up := pd.keyword(doc, rate, pd.UP)) or pd.keyword(doc, rate, pd.DOWN):
                    yield from self._change(ctx, doc, rate, cfg, down=up is None)
                elif (diff := pd.difference_before(doc, rate)) is not None:
                    # "an increase of 2,978 km or 30.2%": the rate shares the difference's word.
                    yield from self._change(ctx, doc, rate, cfg, down=diff)

    def _annual(self, ctx: RuleContext, doc: DocText, rate: Placed, cfg: GrowthConfig) -> Finding | None:
        pair = pd.from_to(doc, rate)
        if pair is not None:
            v1, v2 = pair
            y1, start = pd.year_of(doc, v1), v1.claim
            since = pd.since_year(doc.flat[v2.end : rate.start])
        else:
            # "2023年达409.89分，2018年以来年均增长20.82%": the 2018 figure is stated elsewhere.
            found = pd.last_dated(doc, rate)
            if found is None:
                return None
            v2, y1, start = found, None, None
            since = pd.since_year(doc.flat[doc.sentence_of(rate.start)[0] : rate.start])
        y2 = pd.year_of(doc, v2)
        if since is not None and since != y1:
            # The rate runs from another year than the sentence's first figure.
            y1, start = since, pd.start_elsewhere(ctx, v2.claim, since)
        if start is None or y1 is None or y2 is None or y2 <= y1:
            return None
        years = y2 - y1
        implied = pd.apply_formula(cfg.annual_formula, stated(start), stated(v2.claim), years)
        if implied is None:
            return None
        refs = [
            ClaimRef.of(start, role="start"),
            ClaimRef.of(v2.claim, role="end"),
            ClaimRef.of(rate.claim, role="rate"),
        ]
        where = (
            "" if pair and start is pair[0].claim else f" (the {y1} figure from {start.path}:{start.line})"
        )
        arithmetic = pd.written(cfg.annual_formula, start, v2.claim, years)
        head = f"From {quote(start)} ({y1}) to {quote(v2.claim)} ({y2}){where}: {arithmetic} a year"
        fact = f"growth:annual:{_label(rate.claim, v2.claim)}@{doc.path}"
        return self._verdict(head, implied, stated(rate.claim), rate.claim, refs=refs, fact=fact, cfg=cfg)

    def _change(
        self, ctx: RuleContext, doc: DocText, rate: Placed, cfg: GrowthConfig, *, down: bool
    ) -> Iterator[Finding]:
        pair = pd.from_to(doc, rate)
        if pair is None:
            pair = pd.year_on_year(ctx, doc, rate)
        if pair is None:
            return
        v1, v2 = pair
        s1, s2 = stated(v1.claim), stated(v2.claim)
        label = _label(rate.claim, v2.claim)
        refs = [ClaimRef.of(v1.claim, role="start"), ClaimRef.of(v2.claim, role="end")]
        for diff in doc.claims_in(v2.end, rate.start):
            if diff.claim.unit == v2.claim.unit and pd.DIFF.search(
                doc.flat[max(0, diff.start - 16) : diff.start]
            ):
                sign = -1.0 if pd.DOWN.search(doc.flat[max(0, diff.start - 16) : diff.start]) else 1.0
                got = s2 - s1
                head = f"{quote(v2.claim)} - {quote(v1.claim)} = {number(v2.claim.value - v1.claim.value)}"
                yield self._verdict(
                    head, got, stated(diff.claim).times(sign), diff.claim, scale=1.0, cfg=cfg,
                    refs=[*refs, ClaimRef.of(diff.claim, role="difference")],
                    fact=f"growth:difference:{label}@{doc.path}",
                )  # fmt: skip
        implied = pd.apply_formula(cfg.change_formula, s1, s2, 0)
        if implied is not None:
            arithmetic = pd.written(cfg.change_formula, v1.claim, v2.claim, 0)
            head = f"From {quote(v1.claim)} to {quote(v2.claim)}: {arithmetic}"
            said = stated(rate.claim).times(-1.0 if down else 1.0)
            refs = [*refs, ClaimRef.of(rate.claim, role="rate")]
            fact = f"growth:change:{label}@{doc.path}"
            yield self._verdict(head, implied, said, rate.claim, refs=refs, fact=fact, cfg=cfg)

    def _verdict(
        self, head: str, got: Span, said: Span, claim: Claim, *, refs: list[ClaimRef], fact: str,
        cfg: GrowthConfig, scale: float = 100.0,
    ) -> Finding:  # fmt: skip
        got = got.times(scale)
        if got.overlaps(said, cfg.tolerance if scale == 100.0 else 0.0):
            return self.finding(f"{head}, as stated ({quote(claim)}).", refs, fact, passed=True)
        return self.finding(f"{head}, but the text says {quote(claim)}.", refs, fact)


def _label(rate: Claim, end: Claim) -> str:
    return normalise_subject(rate.subject) or normalise_subject(end.subject) or rate.unit
