"""Fact sheets (rules/facts/*.yml): curated facts the `reference` rule holds reports to.

    title: 2024年度长三角一体化发展实事项目清单
    source: 长三角区域合作办公室, 2024-06-06
    year: 2024
    facts:
      - id: new-railway
        name: 新增建成铁路里程
        aliases: [新增建成铁路里程, new railway]
        value: 660
        unit: km

A fact is a value with a bound (=, >=, >, <=, <, ~) or an interval (lower,
upper), in a canonical unit (checker/units.py), optionally a measure word and
a year.  Sheets are validated like rule files: unknown keys are rejected and
every error names the file, the line and the key.  `name_of` decides which
fact, if any, a claim states (by the aliases next to it).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from checker.extract.lexicon import CLAUSE_STOPS
from checker.models import Bound, Claim, Interval
from checker.rules.yamlfile import load_model
from checker.units import comparable, is_known

APPROX = 0.05
# Left out when aliases are looked for: quotes, brackets and spaces (OCR puts spaces anywhere).
QUOTE_CHARS = frozenset("“”\"'‘’《》「」『』（）()")


class SheetFact(BaseModel):
    """One curated fact: what it is called, what it is, where it comes from."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1)
    name: str = Field(min_length=1, description="how findings name the fact")
    aliases: list[str] = Field(min_length=1, description="phrases that name it in reports (Chinese, English)")
    value: float | None = None
    bound: Bound = Bound.EQ
    lower: float | None = None
    upper: float | None = None
    unit: str
    measure: str | None = None
    year: int | None = None
    source: str = ""

    @field_validator("unit")
    @classmethod
    def _known_unit(cls, unit: str) -> str:
        if not is_known(unit):
            raise ValueError(
                f"unknown unit {unit!r}; use a canonical unit such as km, count, percent, hour, CNY"
            )
        return unit

    @model_validator(mode="after")
    def _has_figure(self) -> SheetFact:
        if self.value is None and self.lower is None and self.upper is None:
            raise ValueError("give the fact a value (with a bound) or an interval (lower, upper)")
        return self

    @cached_property
    def keys(self) -> list[str]:
        """The aliases as they are looked for: without spaces, quotes and brackets, lower case."""
        return [key for alias in self.aliases if (key := clean(alias, 0)[0])]

    def span(self) -> Interval:
        """The values the fact allows."""
        if self.value is None or self.bound is Bound.RANGE:
            return Interval(lower=self.lower, upper=self.upper)
        v = self.value
        return {
            Bound.EQ: Interval.point(v),
            Bound.GE: Interval(lower=v),
            Bound.GT: Interval(lower=v, lower_closed=False),
            Bound.LE: Interval(upper=v),
            Bound.LT: Interval(upper=v, upper_closed=False),
        }.get(self.bound, Interval(lower=v * (1 - APPROX), upper=v * (1 + APPROX)))


class FactSheet(BaseModel):
    """A curated list of facts with their common source."""

    model_config = ConfigDict(extra="forbid")

    title: str
    source: str
    year: int | None = None
    description: str = ""
    facts: list[SheetFact] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> FactSheet:
        ids = [f.id for f in self.facts]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"fact ids must be unique; repeated: {', '.join(twice)}")
        return self


def load_sheet(path: Path, name: str) -> FactSheet:
    """One fact sheet, or a RuleFileError naming the file, line and key."""
    return load_model(
        path, name, FactSheet, "expected a mapping with title, source and facts (see rules/README.md)"
    )


def clean(text: str, base: int) -> tuple[str, list[int]]:
    """Text without spaces, quotes and brackets, lower case, with each kept character's position."""
    kept = [(ch, base + i) for i, ch in enumerate(text) if not (ch.isspace() or ch in QUOTE_CHARS)]
    return "".join(ch for ch, _ in kept).lower(), [i for _, i in kept]


def fits(claim: Claim, sheet: FactSheet, fact: SheetFact) -> bool:
    """The claim could state the fact: same year (when both say), measure word and dimension."""
    year = fact.year or sheet.year
    if year is not None and claim.year is not None and claim.year != year:
        return False
    if fact.measure is not None and claim.measure not in (None, fact.measure):
        return False
    return comparable(claim.unit, fact.unit)


def _clause_before(sentence: str, at: int) -> int:
    i = at
    while i > 0 and sentence[i - 1] not in CLAUSE_STOPS:
        i -= 1
    return i


def _clause_after(sentence: str, at: int, reach: int = 30) -> int:
    i = at
    while i < min(len(sentence), at + reach) and sentence[i] not in CLAUSE_STOPS:
        i += 1
    return i


def name_of(
    claim: Claim,
    neighbours: list[tuple[int, int]],
    facts: list[tuple[str, FactSheet, SheetFact]],
    gap_before: int,
    gap_after: int,
) -> tuple[str, str] | None:
    """The (sheet, fact id) whose alias names the claim in its sentence: closest first, then longest.

    `neighbours` are the (start, end) places of the other claims of the sentence:
    an alias with another figure between it and the claim names that figure.
    """
    sentence, s0, s1 = claim.sentence, claim.sentence_offset, claim.sentence_end
    start = _clause_before(sentence, s0)
    before, before_at = clean(sentence[start:s0], start)
    after, after_at = clean(sentence[s1 : _clause_after(sentence, s1)], s1)

    def figure_between(lo: int, hi: int) -> bool:
        return any(lo <= a < hi for a, _ in neighbours)

    best: tuple[int, int, str, str] | None = None
    for stem, sheet, fact in facts:
        if not fits(claim, sheet, fact):
            continue
        for key in fact.keys:
            at = before.rfind(key)
            gap = len(before) - at - len(key)
            if at >= 0 and gap <= gap_before and not figure_between(before_at[at + len(key) - 1] + 1, s0):
                best = min(best or (9999, 0, "", ""), (gap, -len(key), stem, fact.id))
            at = after.find(key)
            if 0 <= at <= gap_after and not figure_between(s1, after_at[at]):
                best = min(best or (9999, 0, "", ""), (at, -len(key), stem, fact.id))
    return (best[2], best[3]) if best else None
