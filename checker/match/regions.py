"""Components kept from run to run: after a change, only those the change touches are worked out again.

A watch service's run after one edited file used to split all of the corpus's
claims into components again (match/components.py; 0.2 s at 10,000
documents).  `Regions` keeps the last split and, given the documents that
changed, works out anew only the components that held their old claims or
that their new claims could join: a shared subject, one subject ending with
the other, or the sectioned plans and headlines every `total` check sees as
one.  What no edge of the graph reaches is carried over as the same list
object, so what is worked out per component (facts, units) is carried by
identity.  The split equals `components()` over the whole corpus (a test
holds the two equal over random changes); a change to more than a quarter of
the documents, or a first run, splits everything.

The indexes that find what a change touches are built at the first update,
so a command's one run never pays for them; a process of many runs (`eager`,
the watch service) builds them with the full split, so that its first edit
after start-up does not wait for them (0.2 s at 10,000 documents).
"""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import Protocol

from checker.match.components import components
from checker.match.grouping import MIN_SUBJECT, MIN_SUFFIX, normalise_subject
from checker.models import Claim, HeadlineRelation, Relation, SectionsRelation, relation_claims

Component = list[Claim]
# A component's place in the corpus's order: its first claim's document and place in it.
Order = tuple[str, int]


class Held(Protocol):
    """A document's claims and relations, in store order."""

    @property
    def claims(self) -> list[Claim]: ...

    @property
    def relations(self) -> list[Relation]: ...


def _planned(relations: Sequence[Relation]) -> set[str]:
    """The claims sectioned plans and headlines name: all of them meet in one component."""
    return {
        i for r in relations if isinstance(r, SectionsRelation | HeadlineRelation) for i in relation_claims(r)
    }


class Regions:
    """The last run's components, and what finds the ones a change touches."""

    def __init__(self) -> None:
        self.comps: list[Component] = []
        self.eager = False  # index each full split at once (a process of many runs)
        self._reset()

    def _reset(self) -> None:
        self._indexed = False
        self._of_claim: dict[str, Component] = {}
        self._of_subject: dict[str, Component] = {}
        # Subjects by each of their proper suffixes a component can join on (never pruned: looked up
        # only through `_of_subject`, which holds the subjects claims have now).
        self._suffixes: dict[str, set[str]] = defaultdict(set)
        self._planned: dict[str, set[str]] = {}  # document → the claims its plans and headlines name
        self._order: dict[int, tuple[Component, Order]] = {}

    def update(
        self, documents: Mapping[str, Held], changed: Collection[str], before: Mapping[str, Held]
    ) -> list[Component]:
        """The components of `documents` (in store order, by path), where `changed` were `before` last run."""
        if not self.comps or len(changed) * 4 > max(len(documents), 1):
            return self._split_all(documents)
        if not self._indexed and not self._index(before):
            return self._split_all(documents)
        touched = self._touched(documents, changed, before)
        if touched is None:
            return self._split_all(documents)
        kept = [c for c in self.comps if id(c) not in touched]
        for comp in kept:
            if comp[0].path in changed:  # its first claim kept, the claims before it in its report may not be
                self._order[id(comp)] = (comp, (comp[0].path, documents[comp[0].path].claims.index(comp[0])))
        for comp in touched.values():
            self._forget(comp)
        for path in changed:
            self._planned.pop(path, None)
        made = self._split(documents, changed, touched.values(), before)
        for path in changed:
            if path in documents and (named := _planned(documents[path].relations)):
                self._planned[path] = named
        self.comps = sorted([*kept, *made], key=self._order_of)
        return self.comps

    def component_of(self) -> Mapping[str, Component]:
        """Each claim's component (by claim identity), for the split `update` last gave."""
        if not self._indexed and len(self._of_claim) != sum(len(c) for c in self.comps):
            self._of_claim = {c.ident: comp for comp in self.comps for c in comp}
        return self._of_claim

    def _split_all(self, documents: Mapping[str, Held]) -> list[Component]:
        self._reset()  # the indexes of the old split would mislead
        claims = [c for d in documents.values() for c in d.claims]
        self.comps = components(claims, [r for d in documents.values() for r in d.relations])
        if self.eager:
            self._index(documents)
        return self.comps

    def _index(self, documents: Mapping[str, Held]) -> bool:
        """Index the last split, made of `documents` (False if it was not: their claims are others)."""
        held = {c.ident for d in documents.values() for c in d.claims}
        if held != {c.ident for comp in self.comps for c in comp}:
            return False
        places = _places(documents, {c[0].path for c in self.comps})
        for comp in self.comps:
            self._learn(comp, places)
        for path, d in documents.items():
            if named := _planned(d.relations):
                self._planned[path] = named
        self._indexed = True
        return True

    def _learn(self, comp: Component, places: Mapping[str, Mapping[str, int]]) -> None:
        first = comp[0]
        self._order[id(comp)] = (comp, (first.path, places[first.path][first.ident]))
        for c in comp:
            self._of_claim[c.ident] = comp
            s = normalise_subject(c.subject)
            if len(s) >= MIN_SUBJECT and s not in self._of_subject:
                self._of_subject[s] = comp
                for start in range(1, len(s) - MIN_SUFFIX + 1):
                    self._suffixes[s[start:]].add(s)

    def _forget(self, comp: Component) -> None:
        del self._order[id(comp)]
        for c in comp:
            if self._of_claim.get(c.ident) is comp:
                del self._of_claim[c.ident]
            s = normalise_subject(c.subject)
            if self._of_subject.get(s) is comp:
                del self._of_subject[s]

    def _touched(
        self, documents: Mapping[str, Held], changed: Collection[str], before: Mapping[str, Held]
    ) -> dict[int, Component] | None:
        """The components a changed document's claims or relations left or can join.

        A claim or relation that is the last run's object (checker/loading.py keeps those an edit left
        as they were) changes no component by itself: only an old one gone, a new one, or a relation made
        again or gone does.  None when an old claim is in no component: `before` is not what the last
        split was made of.
        """
        out: dict[int, Component] = {}
        for path in changed:
            was = before.get(path)
            now = documents.get(path)
            now_claims = {id(c) for c in now.claims} if now is not None else set()
            for c in was.claims if was is not None else ():
                if id(c) in now_claims:
                    continue
                comp = self._of_claim.get(c.ident)
                if comp is None:
                    return None
                out[id(comp)] = comp
            if now is None:
                continue
            was_claims = {id(c) for c in was.claims} if was is not None else set()
            for c in now.claims:
                if id(c) not in was_claims:
                    for comp in self._joined_by(normalise_subject(c.subject)):
                        out[id(comp)] = comp
            was_relations = list(was.relations) if was is not None else []
            remade = _others(now.relations, was_relations)
            for r in [*remade, *_others(was_relations, now.relations)]:
                for i in relation_claims(r):
                    if (comp := self._of_claim.get(i)) is not None:
                        out[id(comp)] = comp
            if _planned(remade):
                others = (i for p, named in self._planned.items() if p not in changed for i in named)
                if (
                    anchor := next((self._of_claim[i] for i in others if i in self._of_claim), None)
                ) is not None:
                    out[id(anchor)] = anchor
        return out

    def _joined_by(self, s: str) -> Iterator[Component]:
        """The components a claim of subject `s` joins: its subject, a suffix of it, one it is a suffix of."""
        if len(s) < MIN_SUBJECT:
            return
        for t in [s, *(s[start:] for start in range(1, len(s) - MIN_SUFFIX + 1)), *self._suffixes.get(s, ())]:
            comp = self._of_subject.get(t)
            if comp is not None:
                yield comp

    def _split(
        self,
        documents: Mapping[str, Held],
        changed: Collection[str],
        touched: Collection[Component],
        before: Mapping[str, Held],
    ) -> list[Component]:
        """The touched components' claims that remain, with the changed documents' new ones, split again.

        A component made of the same claim objects as one it replaces, their relations the same objects
        too, is that one: an edit that left them as they were (checker/loading.py keeps a changed
        document's equal claims and relations) leaves what is worked out of it (facts, units, findings)
        to be carried by its identity, as for a component the edit did not reach.
        """
        live = {id(c) for p in changed if p in documents for c in documents[p].claims}
        claims = [c for comp in touched for c in comp if c.path not in changed or id(c) in live]
        # A changed document's other claims: new ones, and old ones in no component kept (its claims stay).
        held = {id(c) for c in claims}
        claims += [
            c
            for p in changed
            if p in documents
            for c in documents[p].claims
            if id(c) not in held and c.ident not in self._of_claim
        ]
        paths = {c.path for c in claims}
        places = _places(documents, paths)
        claims.sort(key=lambda c: (c.path, places[c.path][c.ident]))
        made = components(claims, [r for p in sorted(paths) for r in documents[p].relations])
        last = {id(comp[0]): comp for comp in touched}
        for i, comp in enumerate(made):
            old = last.get(id(comp[0]))
            if (
                old is not None
                and len(old) == len(comp)
                and all(map(operator.is_, old, comp))
                and _same_relations(comp, documents, before, changed)
            ):
                made[i] = old
        for comp in made:
            self._learn(comp, places)
        return made

    def _order_of(self, comp: Component) -> Order:
        return self._order[id(comp)][1]


def _places(documents: Mapping[str, Held], paths: Collection[str]) -> dict[str, dict[str, int]]:
    """Each claim's place in its document's claims, for the documents at `paths`."""
    return {p: {c.ident: i for i, c in enumerate(documents[p].claims)} for p in paths}


def _same_relations(
    comp: Component, documents: Mapping[str, Held], before: Mapping[str, Held], changed: Collection[str]
) -> bool:
    """Whether the changed documents' relations naming the component's claims are the last run's objects."""
    idents = {c.ident for c in comp}
    for path in {c.path for c in comp} & set(changed):
        now = [r for r in documents[path].relations if not idents.isdisjoint(relation_claims(r))]
        was = [r for r in before[path].relations if not idents.isdisjoint(relation_claims(r))]
        if len(now) != len(was) or not all(map(operator.is_, now, was)):
            return False
    return True


def _others(these: Sequence[Relation], those: Sequence[Relation]) -> list[Relation]:
    """The relations of `these` that are not objects of `those`."""
    held = {id(r) for r in those}
    return [r for r in these if id(r) not in held]
