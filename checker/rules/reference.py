"""reference: every claim that names a curated fact (rules/facts/*.yml) must agree with it.

A claim names a fact when one of the fact's aliases stands right before it in
its clause ("新建公共充电桩7万个以上") or right after it ("144小时过境免签"), with no
other figure in between, and its unit compares with the fact's.  The closest
alias wins, then the longest, so "累计公共充电桩" is not read as "公共充电桩".
A claim outside the fact's interval is an error, and so is a bound in the same
direction with another figure ("50万个以上" against "60万个以上"): both may hold,
but the report misstates the figure that was announced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

from pydantic import Field

from checker.errors import RuleFileError
from checker.models import Bound, Claim, ClaimRef, Finding, Interval
from checker.rules.base import Rule, RuleConfig, RuleContext
from checker.rules.factsheet import FactSheet, SheetFact, load_sheet, name_of
from checker.rules.wording import number, quote
from checker.sources.names import display_path
from checker.units import convert

SAME_DIRECTION = ({Bound.GE, Bound.GT}, {Bound.LE, Bound.LT})


class ReferenceConfig(RuleConfig):
    """Keys of a `reference` rule."""

    facts: list[str] = Field(
        default=["facts/*.yml"], description="fact sheet globs, relative to the rule file"
    )
    gap_before: int = Field(
        default=8, ge=0, description="most characters between an alias and the figure after it"
    )
    gap_after: int = Field(
        default=16, ge=0, description="most characters between a figure and the alias after it"
    )


class Reference(Rule):
    """Claims that name a curated fact (rules/facts/*.yml) must agree with it."""

    kind = "reference"
    code = "CK401"
    name = "reference.factsheet"
    groups = ("all", "reference")
    specificity = 3
    scope = "document"
    config_model = ReferenceConfig

    def __init__(self, config: RuleConfig) -> None:
        super().__init__(config)
        self.sheets: list[tuple[str, FactSheet]] = []

    def prepare(self, folders: Sequence[Path]) -> list[RuleFileError]:
        assert isinstance(self.config, ReferenceConfig)
        problems: list[RuleFileError] = []
        seen: set[Path] = set()
        for folder in folders:
            for pattern in self.config.facts:
                for path in sorted(folder.glob(pattern)):
                    if path.resolve() in seen or not path.is_file():
                        continue
                    seen.add(path.resolve())
                    try:
                        self.sheets.append((path.stem, load_sheet(path, display_path(path))))
                    except RuleFileError as exc:
                        problems.append(exc)
        return problems

    def state(self) -> str:
        return super().state() + "".join(
            f"\x1f{stem}\x1f{sheet.model_dump_json()}" for stem, sheet in self.sheets
        )

    def check(self, ctx: RuleContext) -> Iterator[Finding]:
        cfg = self.config
        assert isinstance(cfg, ReferenceConfig)
        facts = [(stem, sheet, fact) for stem, sheet in self.sheets for fact in sheet.facts]
        if not facts:
            return
        by_sentence: dict[tuple[str, str], list[Claim]] = defaultdict(list)
        for c in ctx.claims:
            by_sentence[(c.path, c.sentence)].append(c)
        matched: dict[tuple[str, str, str], list[Claim]] = {}
        for (path, _), claims in sorted(by_sentence.items(), key=lambda kv: kv[1][0].offset):
            for c in claims:
                others = [(o.sentence_offset, o.sentence_end) for o in claims if o is not c]
                best = name_of(c, others, facts, cfg.gap_before, cfg.gap_after)
                if best is not None:
                    matched.setdefault((path, *best), []).append(c)
        for (_, stem, fact_id), claims in sorted(matched.items()):
            sheet, fact = next((s, f) for st, s, f in facts if st == stem and f.id == fact_id)
            yield self._judge(stem, sheet, fact, claims)

    def _judge(self, stem: str, sheet: FactSheet, fact: SheetFact, claims: list[Claim]) -> Finding:
        want = fact.span()
        refs = [ClaimRef.of(c, role="claim") for c in claims]
        said = f"{fact.name} {_describe(fact)}"
        wrong, other = [], []
        for c in claims:
            got = c.interval
            got = Interval(
                lower=None if got.lower is None else convert(got.lower, c.unit, fact.unit),
                upper=None if got.upper is None else convert(got.upper, c.unit, fact.unit),
                lower_closed=got.lower_closed,
                upper_closed=got.upper_closed,
            )
            if not got.near(want):
                wrong.append(c)
            elif (
                fact.value is not None
                and any(c.bound in d and fact.bound in d for d in SAME_DIRECTION)
                and abs(convert(c.value, c.unit, fact.unit) - fact.value) > 1e-9 * max(1.0, abs(fact.value))
            ):
                other.append(c)
        fact_key = f"reference:{stem}#{fact.id}"
        if wrong:
            texts = ", ".join(quote(c) for c in wrong)
            return self.finding(f"The fact sheet {stem} says {said}; {texts} does not agree.", refs, fact_key)
        if other:
            texts = ", ".join(quote(c) for c in other)
            message = f"The fact sheet {stem} says {said}; {texts} bounds it with another figure."
            return self.finding(message, refs, fact_key)
        texts = ", ".join(quote(c) for c in claims)
        return self.finding(
            f"The fact sheet {stem} says {said}; {texts} agrees.", refs, fact_key, passed=True
        )


def _describe(fact: SheetFact) -> str:
    unit = fact.measure or fact.unit
    if fact.value is None:
        lo = "" if fact.lower is None else number(fact.lower)
        hi = "" if fact.upper is None else number(fact.upper)
        return f"{lo}–{hi} {unit}"
    sign = {Bound.GE: "≥ ", Bound.GT: "> ", Bound.LE: "≤ ", Bound.LT: "< ", Bound.APPROX: "≈ "}.get(
        fact.bound, "= "
    )
    return f"{sign}{number(fact.value)} {unit}"
