"""Claims that can meet: the parts of a corpus an incremental run evaluates apart.

Two claims are in one component when anything a fact-level check looks at
could bring them together:

* their normalised subjects are equal, or one ends with the other (a scope
  prefix, the way match/grouping.py joins subjects; here without asking whether
  the prefix is a scope, so a component is never too small);
* one relation names both (a total and its parts, a start and an end);
* both belong to a sectioned plan or a headline: the `total` rule holds a
  headline in one report to the sections of another.

A claim whose subject is too short to name a fact meets others only through
relations.  Cross-language links are not known here: checker/incremental.py
joins the components a linked fact spans after linking.
"""

from __future__ import annotations

from collections.abc import Sequence

from checker.match.grouping import MIN_SUBJECT, MIN_SUFFIX, normalise_subject
from checker.models import Claim, HeadlineRelation, Relation, SectionsRelation, relation_claims


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def components(claims: Sequence[Claim], relations: Sequence[Relation]) -> list[list[Claim]]:
    """`claims` split into components, each in the order given, ordered by their first claim."""
    subjects: dict[str, int] = {}
    for c in claims:
        s = normalise_subject(c.subject)
        if len(s) >= MIN_SUBJECT:
            subjects.setdefault(s, len(claims) + len(subjects))
    plans = len(claims) + len(subjects)  # one node for every sectioned plan and headline
    uf = _UnionFind(plans + 1)
    for s, node in subjects.items():
        for start in range(1, len(s) - MIN_SUFFIX + 1):
            suffix = subjects.get(s[start:])
            if suffix is not None:
                uf.union(node, suffix)
    index = {c.ident: i for i, c in enumerate(claims)}
    for i, c in enumerate(claims):
        own = subjects.get(normalise_subject(c.subject))
        if own is not None:
            uf.union(i, own)
    for r in relations:
        named = [index[i] for i in relation_claims(r) if i in index]
        anchor = plans if isinstance(r, SectionsRelation | HeadlineRelation) else None
        for i in named:
            uf.union(named[0] if anchor is None else anchor, i)
    out: dict[int, list[Claim]] = {}
    for i, c in enumerate(claims):
        out.setdefault(uf.find(i), []).append(c)
    return sorted(out.values(), key=lambda members: index[members[0].ident])
