"""The corpus in units: each component's key and facts, and the parts components are joined into.

checker/incremental.py evaluates the rules part by part; what is worked out here
is carried from run to run by identity where a change did not reach
(match/regions.py keeps the components themselves).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checker import kept
from checker.match.grouping import Fact, group_claims
from checker.models import Claim, PartialDate, Relation, relation_claims

if TYPE_CHECKING:
    from checker.incremental import Memo

Key = tuple[object, ...]
Dates = dict[str, PartialDate | None]


@dataclass
class Part:
    """A unit of this run: its components' claims, facts and relations, and its key."""

    claims: list[Claim] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    keys: list[Key] = field(default_factory=list)

    def key(self) -> Key:
        shapes = tuple((f.key, f.linked_on, tuple(c.ident for c in f.claims)) for f in self.facts)
        return (tuple(self.keys), shapes)


def component_facts(
    memo: Memo, comps: list[list[Claim]], signatures: dict[str, str], dates: Dates
) -> list[Key]:
    """Each component's key, its facts grouped (or taken from the memo)."""
    keys: list[Key] = []
    rows: dict[Key, str] = {}
    memo.grouped = {}
    known, memo.comp_keys = memo.comp_keys, {}
    for comp in comps:
        # A component carried over (match/regions.py) is the same list of the same documents' claims.
        hit = known.get(id(comp))
        if hit is not None and hit[0] is comp:
            key = hit[1]
        else:
            documents = tuple(sorted({(c.path, signatures[c.path]) for c in comp}))
            key = (tuple(c.ident for c in comp), documents)
        memo.comp_keys[id(comp)] = (comp, key)
        rows[key] = memo.fact_rows.get(key) or kept.digest(kept.facts_salt(), key)
        keys.append(key)
    earlier = _earlier(memo.facts, rows)
    facts = {
        key: memo.facts.get(key) or _grouped(memo, rows[key], comp, dates, earlier)
        for key, comp in zip(keys, comps, strict=True)
    }
    memo.facts, memo.fact_rows = facts, rows
    return keys


_Shape = tuple[str, tuple[int, ...]]


def _earlier(facts: dict[Key, list[Fact]], now: dict[Key, str]) -> dict[_Shape, Fact]:
    """The last run's facts of components gone since, by key and claim objects.

    A component a change reached is grouped again; a fact of it that the change did not touch is the
    last run's object then, so its judgement (`Fact.assessment`) and the units that hold it are carried.
    """
    return {(f.key, tuple(map(id, f.claims))): f for key, fs in facts.items() if key not in now for f in fs}


def _grouped(
    memo: Memo, row: str, comp: list[Claim], dates: Dates, earlier: dict[_Shape, Fact]
) -> list[Fact]:
    """A component's facts as an earlier process kept them, else grouped now."""
    data = memo.kept_facts.get(row)
    found = kept.decode_facts(data, {c.ident: c for c in comp}) if data is not None else None
    if found is None:
        found = memo.grouped[row] = [_same(f, earlier) for f in group_claims(comp, dates)]
    return found


def _same(fact: Fact, earlier: dict[_Shape, Fact]) -> Fact:
    """The last run's fact if this one is it (the same claim objects, every other field equal)."""
    old = earlier.get((fact.key, tuple(map(id, fact.claims))))
    if old is None or any(getattr(old, name) != getattr(fact, name) for name in _FIELDS):
        return fact
    return old


_FIELDS = [name for name in Fact.model_fields if name != "claims"]


def join_parts(
    comps: list[list[Claim]], keys: list[Key], facts: list[Fact], relations: list[Relation], memo: Memo
) -> list[Part]:
    """Components joined where one fact spans them (a cross-language link), with their facts and relations."""
    index = {id(comp): i for i, comp in enumerate(comps)}
    held = memo.regions.component_of()
    # A fact as grouped is in its component alone; only a fact linking made (or cut) is looked up claim by claim.
    grouped = {id(f): i for i, key in enumerate(keys) for f in memo.facts[key]}
    root = list(range(len(comps)))

    def find(i: int) -> int:
        while root[i] != i:
            root[i] = root[root[i]]
            i = root[i]
        return i

    for fact in facts:
        if id(fact) not in grouped:
            spanned = sorted({find(index[id(held[c.ident])]) for c in fact.claims})
            for i in spanned[1:]:
                root[i] = spanned[0]
    parts: dict[int, Part] = {}
    for i, comp in enumerate(comps):
        part = parts.setdefault(find(i), Part())
        part.claims.extend(comp)
        part.keys.append(keys[i])
    joined = [part for part in parts.values() if len(part.keys) > 1]
    places = _places(memo, {c.path for part in joined for c in part.claims})
    for part in joined:
        part.claims.sort(key=lambda c: (c.path, places[c.path][c.ident]))
    for fact in facts:
        home = grouped.get(id(fact))
        parts[find(home if home is not None else index[id(held[fact.claims[0].ident])])].facts.append(fact)
    for relation in relations:
        named = next((held[i] for i in relation_claims(relation) if i in held), None)
        home_part = find(index[id(named)]) if named is not None else next(iter(parts), None)
        if home_part is not None:
            parts[home_part].relations.append(relation)
    return list(parts.values())


def _places(memo: Memo, paths: set[str]) -> dict[str, dict[str, int]]:
    """Each claim's place among its document's claims (the corpus's order is by path, then place)."""
    return {p: {c.ident: i for i, c in enumerate(memo.documents[p].claims)} for p in paths}
