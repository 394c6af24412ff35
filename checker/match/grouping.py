"""Group claims that state the same fact.

Two claims state the same fact when they measure the same thing in the same
kind of unit under the same qualifiers, for the same period and with the same
modality (see identity.py for each):

* the same unit dimension, and for counts the same measure word (200个服务点位
  and 200项政务服务 are different things);
* the same qualifiers (第一轮 vs 第二轮, a section heading, 此次 vs 先后);
* subjects that are equal once normalised, or equal but for a scope prefix
  ("长三角地区新增建成铁路里程" and "新增建成铁路里程"), and specific enough to name
  one fact (not 工作, 项目, or a subject this corpus uses for many values);
* the same period (2023 vs 2024, a year vs five years) and modality class
  (an outcome, a target, an estimate).

The `agree` rule then judges each fact (see match/status.py).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from checker.match.identity import (
    RELATIVE,
    WILDCARD,
    PeriodKey,
    ambiguous_subjects,
    light,
    modality_class,
    period_key,
    same_subject,
)
from checker.models import Claim, PartialDate, Period
from checker.units import unit_key

if TYPE_CHECKING:
    from checker.match.status import Assessment

# A shorter subject must be at least this long to absorb a longer one by a scope prefix.
MIN_SUFFIX = 3
MIN_SUBJECT = 2

_STRIP = re.compile(r"[\s\u3000“”\"'‘’「」『』《》〈〉()（）\[\]【】,，、.。:：;；!！?？·…—\-]+")


class Fact(BaseModel):
    """Claims that state one fact (possibly in one document only)."""

    model_config = ConfigDict(frozen=True)

    key: str
    subject: str
    unit: str
    measure: str | None
    qualifiers: tuple[str, ...]
    year: int | None
    claims: tuple[Claim, ...]
    period: Period = Period()
    modality: str = "outcome"
    specific: bool = True
    # Set by match/languages.py when English claims join a Chinese fact: the reviewer sees both.
    languages: tuple[str, ...] = ()
    linked_on: tuple[str, ...] = ()

    @property
    def documents(self) -> list[str]:
        return sorted({c.path for c in self.claims})

    @cached_property
    def assessment(self) -> Assessment:
        """Whether the documents agree (match/status.py), judged once: the rules and the report both ask."""
        from checker.match.status import assess  # status.py builds on this module

        return assess(self)

    @cached_property
    def stated_in(self) -> tuple[str, ...]:
        """The languages its claims are stated in, sorted (match/languages.py), worked out once."""
        from checker.match.languages import fact_languages  # languages.py builds on this module

        return fact_languages(self)

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Fact:
        """A copy, without the judgement and languages of the original (its claims may be others)."""
        copy = super().model_copy(update=update, deep=deep)
        copy.__dict__.pop("assessment", None)
        copy.__dict__.pop("stated_in", None)
        return copy

    def label(self) -> str:
        """How the fact is named to a reader: qualifiers, subject, period, and the modality if not an outcome."""
        parts = [*self.qualifiers, self.subject or "(no subject)"]
        if self.period.known:
            parts.append(f"({self.period.label()})")
        elif self.year is not None:
            parts.append(f"({self.year})")
        if self.modality not in ("outcome", "mixed"):
            parts.append(f"[{self.modality}]")
        return " ".join(parts)


@lru_cache(maxsize=1 << 16)  # 368,000 calls over 14,000 subjects in a cold check of 10,000 documents
def normalise_subject(subject: str) -> str:
    """Subject without spaces and punctuation, as compared across documents."""
    return _STRIP.sub("", subject)


def _fact_key(subject: str, unit: str, qualifiers: tuple[str, ...], *rest: str) -> str:
    raw = "\x1f".join([subject, unit, *qualifiers, *rest])
    return (
        f"{subject}|{unit}|{'+'.join(qualifiers)}|{'|'.join(rest)}|"
        + hashlib.sha256(raw.encode()).hexdigest()[:8]
    )


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The shorter subject names the cluster: it is what all members share.
            if (len(rb), rb) < (len(ra), ra):
                ra, rb = rb, ra
            self.parent[rb] = ra


def _clusters(members: list[Claim]) -> dict[str, list[Claim]]:
    """Claims by subject, subjects that differ only by a scope prefix joined."""
    uf = _UnionFind()
    subjects = {normalise_subject(c.subject) for c in members}
    for s in subjects:
        uf.find(s)
        for start in range(1, len(s) - MIN_SUFFIX + 1):
            if s[start:] in subjects and same_subject(s[:start], s[start:]):
                uf.union(s[start:], s)
    out: dict[str, list[Claim]] = defaultdict(list)
    for c in members:
        out[uf.find(normalise_subject(c.subject))].append(c)
    return out


def group_claims(
    claims: Iterable[Claim], dates: Mapping[str, PartialDate | None] | None = None
) -> list[Fact]:
    """Partition claims into facts, deterministically (sorted by key).

    `dates` are the documents' dates: a timeless figure is compared only within
    documents of one year (see identity.period_key).
    """
    dates = dates or {}
    claims = list(claims)
    buckets: dict[tuple[str, tuple[str, ...]], list[Claim]] = defaultdict(list)
    loners: list[Claim] = []
    for claim in claims:
        if len(normalise_subject(claim.subject)) < MIN_SUBJECT:
            loners.append(claim)
            continue
        buckets[(unit_key(claim), tuple(sorted(set(claim.qualifiers))))].append(claim)
    clustered: list[tuple[str, str, tuple[str, ...], list[Claim]]] = []
    subject_of: dict[str, str] = {}
    for (unit, qualifiers), members in buckets.items():
        for root, cluster in _clusters(members).items():
            clustered.append((root, unit, qualifiers, cluster))
            subject_of.update((c.id, f"{root}\x1f{unit}\x1f{qualifiers}") for c in cluster)
    ambiguous = ambiguous_subjects(claims, subject_of, dates)
    facts: list[Fact] = []
    for root, unit, qualifiers, cluster in clustered:
        specific = not light(root) and f"{root}\x1f{unit}\x1f{qualifiers}" not in ambiguous
        facts.extend(_split(root, unit, qualifiers, cluster, dates, specific=specific))
    facts.extend(_alone(c, (c.path, str(c.offset)), specific=False) for c in loners)
    facts.sort(key=lambda f: f.key)
    return facts


def _split(
    root: str,
    unit: str,
    qualifiers: tuple[str, ...],
    cluster: list[Claim],
    dates: Mapping[str, PartialDate | None],
    *,
    specific: bool,
) -> list[Fact]:
    """One fact per period; a subject that is not specific, one per document too.

    Targets, estimates and outcomes of one period stay in one fact: they never
    contradict each other (match/status.py), and the `target` rule compares them.
    """
    cells: dict[tuple[PeriodKey, str], list[Claim]] = defaultdict(list)
    for c in cluster:
        cells[(period_key(c, dates), "" if specific else c.path)].append(c)
    # A figure without any time word in an undated document joins the one other period of its
    # subject, known or the timeless figures of one year's documents, if there is just one.
    for period, path in list(cells):
        if period != WILDCARD:
            continue
        known = {p for (p, q) in cells if p[0] != "?" and q == path}
        if len(known) == 1:
            cells[(known.pop(), path)].extend(cells.pop((period, path)))
    # A figure with no time word in a document of year Y joins its subject's period of the year Y,
    # if it has one: in a 2024 report, "新增建成铁路里程660公里" is about 2024, not a five-year
    # plan or the year under review (which the text would name).
    for period, path in list(cells):
        if period[0] != "timeless":
            continue
        holding = {p for (p, q) in cells if q == path and p[0][:4] == p[1][:4] == period[1]}
        if len(holding) == 1:
            cells[(holding.pop(), path)].extend(cells.pop((period, path)))
    # The undated figures of a subject meet each other, relative words or not.
    for period, path in list(cells):
        if period == RELATIVE:
            cells[(WILDCARD, path)].extend(cells.pop((period, path)))
    return [
        _fact_of(root, unit, qualifiers, items, (period, path), specific=specific)
        for (period, path), items in cells.items()
    ]


def _fact_of(
    root: str,
    unit: str,
    qualifiers: tuple[str, ...],
    items: list[Claim],
    cell: tuple[PeriodKey, str],
    *,
    specific: bool,
) -> Fact:
    period_cell, path = cell
    ordered = tuple(sorted(items, key=lambda c: (c.path, c.offset)))
    # One period when the claims share its bounds (their words may differ: 今年, 过去一年).
    spans = {(c.period.start, c.period.end) for c in ordered if c.period.known}
    period = next(c.period for c in ordered if c.period.known) if len(spans) == 1 else Period()
    years = {c.year for c in ordered if c.year is not None}
    modalities = {modality_class(c.modality) for c in ordered}
    return Fact(
        key=_fact_key(root, unit, qualifiers, *period_cell, path),
        subject=root,
        unit=ordered[0].unit,
        measure=ordered[0].measure,
        qualifiers=qualifiers,
        year=years.pop() if len(years) == 1 else None,
        claims=ordered,
        period=period,
        modality=modalities.pop() if len(modalities) == 1 else "mixed",
        specific=specific,
    )


def _alone(claim: Claim, where: tuple[str, str], *, specific: bool) -> Fact:
    subject = normalise_subject(claim.subject)
    return Fact(
        key=_fact_key(f"{subject}@{where[0]}:{where[1]}", unit_key(claim), ()),
        subject=subject,
        unit=claim.unit,
        measure=claim.measure,
        qualifiers=tuple(claim.qualifiers),
        year=claim.year,
        claims=(claim,),
        period=claim.period,
        modality=modality_class(claim.modality),
        specific=specific,
    )
