"""target: a target for a period, stated in an earlier report, against the outcome reported later.

"今年……城镇新增就业900万人" in the 2006 report and "城镇新增就业1184万人" in the 2007
report: the 2006 target was met, by 284万人 (a check that held, with its
margin).  A target missed is a warning with the margin, not an error: a missed
target is news, not a mistake in a report.  The target's bound and direction
are respected: "3%以内" (at most) is a ceiling, "以上" a floor; a plain or
approximate target ("8%左右", "6%–6.5%") is a floor, or a ceiling for
indicators where less is better (prices, unemployment, energy use, emissions,
deficits).  Facts come from the matcher: one subject, unit and period; the
target's document must be dated before the outcome's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from checker.match import Fact
from checker.models import Bound, Claim, ClaimRef, Finding, Modality, PartialDate, Severity
from checker.rules.base import Rule, RuleContext
from checker.rules.wording import like, quote, unit_name
from checker.units import convert


# Indicators where less is better: a plain target for them is a ceiling.  Compiled when a target is first
# judged (case-insensitive over Chinese words, it is the costliest pattern of a start, and most runs hold no target).
@cache
def _lower_is_better() -> re.Pattern[str]:
    return re.compile(
        r"物价|价格|通货膨胀|通胀|消费价格|失业|能耗|能源消耗|排放|污染|赤字|债务|事故|死亡|亡人|贫困人口|"
        r"inflation|prices?|unemployment|emissions?|deficit|energy (?:use|consumption)",
        re.I,
    )


def ceiling(target: Claim) -> bool:
    """Whether the target is a most (以内, 不超过, or less-is-better indicator) rather than a least."""
    if target.bound in (Bound.LE, Bound.LT):
        return True
    if target.bound in (Bound.GE, Bound.GT):
        return False
    return bool(_lower_is_better().search(target.subject))


def _date(claim: Claim, dates: dict[str, PartialDate | None]) -> PartialDate | None:
    return dates.get(claim.path)


class Target(Rule):
    """A target stated in an earlier report must be met by the outcome a later report gives."""

    kind = "target"
    code = "CK102"
    name = "consistency.target"
    groups = ("all", "consistency")
    specificity = 1
    scope = "component"

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        for fact in ctx.facts:
            if not fact.specific or not fact.period.known:
                continue
            for target in (c for c in fact.claims if c.modality is Modality.TARGET):
                outcome = self._outcome(fact, target, ctx.dates)
                if outcome is not None:
                    yield self._judge(fact, target, outcome, ctx.dates)

    @staticmethod
    def _outcome(fact: Fact, target: Claim, dates: dict[str, PartialDate | None]) -> Claim | None:
        """The outcome of the first report dated after the target's report."""
        said = _date(target, dates)
        if said is None:
            return None
        later = [
            c
            for c in fact.claims
            if c.modality.is_outcome
            and c.path != target.path
            and (d := _date(c, dates)) is not None
            and d.ordinal() > said.ordinal()
        ]
        return min(later, key=lambda c: (dates[c.path].ordinal(), c.path, c.offset)) if later else None  # type: ignore[union-attr]

    def _judge(
        self, fact: Fact, target: Claim, outcome: Claim, dates: dict[str, PartialDate | None]
    ) -> Finding:
        got = outcome.interval.scaled(convert(1.0, outcome.unit, target.unit))
        want = target.interval
        top = ceiling(target)
        if top:
            met = want.upper is None or (got.lower is not None and got.lower <= want.upper + 1e-9)
        else:
            met = want.lower is None or (got.upper is not None and got.upper >= want.lower - 1e-9)
        # The margin is counted from the figure the target states ("8%左右": from 8%).
        margin = abs(convert(outcome.value, outcome.unit, target.unit) - target.value)
        unit = " points" if target.unit == "percent" else (target.measure or f" {unit_name(target.unit)}")
        way = "below the ceiling" if top else "above the target"
        when = fact.period.label()
        t_date, o_date = _date(target, dates), _date(outcome, dates)
        said = (
            f"{fact.subject} {when}: the target {quote(target)} ({target.path}:{target.line}"
            f"{', ' + t_date.iso() if t_date else ''}), the outcome {quote(outcome)} "
            f"({outcome.path}:{outcome.line}{', ' + o_date.iso() if o_date else ''})"
        )
        refs = [ClaimRef.of(target, role="target"), ClaimRef.of(outcome, role="outcome")]
        if met:
            message = f"Target met: {said}, {like(margin, target)}{unit} {way}."
            return self.finding(message, refs, f"target:{fact.key}", passed=True)
        miss = "over the ceiling" if top else "short of the target"
        message = f"Target missed: {said}, {like(margin, target)}{unit} {miss}."
        return self.finding(message, refs, f"target:{fact.key}", severity=Severity.WARNING)
