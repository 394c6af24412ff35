"""Group claims that state the same fact.

Two claims state the same fact when they measure the same thing in the same
kind of unit under the same qualifiers and time:

* the same unit dimension, and for counts the same measure word (200个服务点位
  and 200项政务服务 are different things);
* the same qualifiers (第一轮 vs 第二轮, a section heading, 此次 vs 先后);
* subjects that are equal once normalised, or one a suffix of the other
  ("长三角地区新增建成铁路里程" ends with "新增建成铁路里程");
* compatible years: when the claims of a subject name two or more different
  years, each year is its own fact (4000公里 in 2018 vs 7100公里 now).

Grouping is deliberately generous; the `agree` rule is careful about which
disagreements it calls errors (see rules/agree.py).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from checker.models import Claim
from checker.units import unit_key

# A shorter subject must be at least this long to absorb a longer one by
# suffix: "项目" (2) is too generic to say two figures are about one thing.
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
    # Set by match/languages.py when English claims join a Chinese fact: the reviewer sees both.
    languages: tuple[str, ...] = ()
    linked_on: tuple[str, ...] = ()

    @property
    def documents(self) -> list[str]:
        return sorted({c.path for c in self.claims})

    def label(self) -> str:
        """How the fact is named to a reader: qualifiers, subject, year."""
        parts = [*self.qualifiers, self.subject or "(no subject)"]
        if self.year is not None:
            parts.append(f"({self.year})")
        return " ".join(parts)


def normalise_subject(subject: str) -> str:
    """Subject without spaces and punctuation, as compared across documents."""
    return _STRIP.sub("", subject)


def _fact_key(subject: str, unit: str, qualifiers: tuple[str, ...], year: int | None) -> str:
    raw = "\x1f".join([subject, unit, *qualifiers, str(year)])
    return (
        f"{subject}|{unit}|{'+'.join(qualifiers)}|{year or ''}|"
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


def group_claims(claims: Iterable[Claim]) -> list[Fact]:
    """Partition claims into facts, deterministically (sorted by key)."""
    buckets: dict[tuple[str, tuple[str, ...]], list[Claim]] = defaultdict(list)
    loners: list[Claim] = []
    for claim in claims:
        if len(normalise_subject(claim.subject)) < MIN_SUBJECT:
            loners.append(claim)
            continue
        buckets[(unit_key(claim), tuple(sorted(set(claim.qualifiers))))].append(claim)

    facts: list[Fact] = []
    for (unit, qualifiers), members in buckets.items():
        uf = _UnionFind()
        subjects = {normalise_subject(c.subject) for c in members}
        for s in subjects:
            uf.find(s)
            for start in range(1, len(s) - MIN_SUFFIX + 1):
                suffix = s[start:]
                if suffix in subjects:
                    uf.union(suffix, s)
        clusters: dict[str, list[Claim]] = defaultdict(list)
        for c in members:
            clusters[uf.find(normalise_subject(c.subject))].append(c)
        for root, cluster in clusters.items():
            facts.extend(_split_by_year(root, unit, qualifiers, cluster))

    for claim in loners:
        subject = normalise_subject(claim.subject)
        key = _fact_key(f"{subject}@{claim.path}:{claim.offset}", unit_key(claim), (), claim.year)
        facts.append(
            _fact(
                key=key,
                subject=subject,
                sample=claim,
                claims=(claim,),
                qualifiers=tuple(claim.qualifiers),
                year=claim.year,
            )
        )
    facts.sort(key=lambda f: f.key)
    return facts


def _split_by_year(root: str, unit: str, qualifiers: tuple[str, ...], cluster: list[Claim]) -> list[Fact]:
    years = {c.year for c in cluster if c.year is not None}
    if len(years) <= 1:
        year = next(iter(years), None)
        key = _fact_key(root, unit, qualifiers, year)
        return [
            _fact(
                key=key,
                subject=root,
                sample=cluster[0],
                claims=tuple(cluster),
                qualifiers=qualifiers,
                year=year,
            )
        ]
    by_year: dict[int | None, list[Claim]] = defaultdict(list)
    for c in cluster:
        by_year[c.year].append(c)
    return [
        _fact(
            key=_fact_key(root, unit, qualifiers, year),
            subject=root,
            sample=items[0],
            claims=tuple(items),
            qualifiers=qualifiers,
            year=year,
        )
        for year, items in by_year.items()
    ]


def _fact(
    *,
    key: str,
    subject: str,
    sample: Claim,
    claims: tuple[Claim, ...],
    qualifiers: tuple[str, ...],
    year: int | None,
) -> Fact:
    ordered = tuple(sorted(claims, key=lambda c: (c.path, c.offset)))
    return Fact(
        key=key,
        subject=subject,
        unit=sample.unit,
        measure=sample.measure,
        qualifiers=qualifiers,
        year=year,
        claims=ordered,
    )
