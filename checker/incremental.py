"""Evaluate only what changed, and carry the rest over from the last run.

The rules are evaluated in units that cannot see each other
(match/components.py): the claims of one document for the rule kinds that
judge a document alone (`scope = "document"`), and components of claims that
can share a fact or a relation for the others (`scope = "component"`);
components spanned by one fact after cross-language linking are one unit.  A
unit is known by what it holds (its claims' places and their documents'
signatures, the shape of its facts), so a unit whose documents did not change
is not evaluated again: its findings and groups are taken from the memo.  Nor
is one whose documents changed but not its claims and relations (a sentence
added to one of them): they are the last run's objects (checker/loading.py),
its components are kept whole (match/regions.py), and so is its key.  Rule
kinds from plugins (`scope = "corpus"`) see the whole corpus every run.

Everything is then settled together (one finding per mistake, report order),
as one evaluation of the whole corpus would: an empty memo *is* a full
evaluation, and the tests hold the two equal.

A memo lives as long as its store object: across the runs of the watch
service, or one run of the command line.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from checker import kept
from checker.match.bilingual import Lexicon
from checker.match.grouping import Fact
from checker.match.groups import group_of, report_order
from checker.match.linker import Linker
from checker.match.regions import Regions
from checker.match.timeline import Lines
from checker.models import Claim, Finding, Group, PartialDate, ReadError, Relation
from checker.models.claims import shared_refs
from checker.partition import Dates, Key, Part, component_facts, join_parts
from checker.rules.base import Recall, Recalled, Rule, RuleContext
from checker.rules.engine import collect, settle, settled_order
from checker.store.base import Store, StoredDocument
from checker.summary import Summaries
from checker.unitorder import Ordered, ordered

if TYPE_CHECKING:
    from checker.loading import Loaded  # it reads into a memo

Link = Callable[[list[Fact]], list[Fact]]


@dataclass
class HeldDocument:
    """A document's claims and relations as the memo holds them, with the signature they follow from."""

    signature: str
    claims: list[Claim]
    relations: list[Relation]
    date: PartialDate | None = None  # what its claims' periods are judged against (checker/match/identity.py)


@dataclass
class _Unit:
    found: dict[str, list[Finding]]
    problems: list[str]
    groups: list[Group] = field(default_factory=list)
    digest: str = ""  # its row in the store (checker/kept.py)
    claims: Sequence[
        Claim
    ] = ()  # what its findings quote, until it is kept (its quotes are kept by identity)
    # Its rules' judgements by what they were made of, for the unit that replaces it (rules/base.py `Recall`).
    recalled: Recalled = field(default_factory=dict)
    _open: dict[str, list[Finding]] | None = None

    def open(self) -> dict[str, list[Finding]]:
        """Its findings that did not pass, by rule (only rules with some); worked out once."""
        if self._open is None:
            self._open = {
                rule: open_
                for rule, found in self.found.items()
                if (open_ := [f for f in found if not f.passed])
            }
        return self._open

    def passed(self, rules: Sequence[str]) -> list[Finding]:
        """Its passed checks, rule by rule."""
        return [f for rule in rules for f in self.found.get(rule, ()) if f.passed]


@dataclass
class Memo:
    """What the last run computed, by what it was computed from."""

    rules: list[Rule] = field(default_factory=list)
    documents: dict[str, HeldDocument] = field(default_factory=dict)
    facts: dict[Key, list[Fact]] = field(default_factory=dict)
    units: dict[Key, _Unit] = field(default_factory=dict)
    evaluated: int = 0  # units evaluated by the last run (the rest were carried over)
    # Whether a unit keeps its rules' judgements for the one that replaces it: only in a process of many runs.
    recalls: bool = False
    # Units earlier processes kept in the store (checker/kept.py), by digest, until this memo holds them;
    # `salt` is what their findings follow from besides the claims; `judged` what the last run evaluated.
    kept: dict[str, bytes] = field(default_factory=dict)
    salt: str = ""
    judged: dict[str, _Unit] = field(default_factory=dict)
    # The same for each component's facts (kept.encode_facts): rows by digest, and what the last run grouped.
    kept_facts: dict[str, bytes] = field(default_factory=dict)
    fact_rows: dict[Key, str] = field(default_factory=dict)
    grouped: dict[str, list[Fact]] = field(default_factory=dict)
    # The keys of the unit and fact rows the last run kept in the store, by roots (checker/evaluate.py).
    kept_rows: dict[tuple[str, ...], tuple[set[str], set[str]]] = field(default_factory=dict)
    # The last run this process finished over the store, and its findings: the next run's previous.
    last_run: tuple[int, list[Finding]] | None = None
    lines: Lines = field(default_factory=Lines)  # the last run's timelines (match/timeline.py)
    regions: Regions = field(default_factory=Regions)  # the last run's components (match/regions.py)
    comp_keys: dict[int, tuple[list[Claim], Key]] = field(default_factory=dict)  # by id(component)
    part_keys: dict[tuple[int, ...], tuple[tuple[object, ...], Key]] = field(default_factory=dict)
    summaries: Summaries = field(default_factory=dict)  # the last report's documents (checker/summary.py)
    signed: dict[str, tuple[StoredDocument, str]] = field(default_factory=dict)  # each row's signature
    # The last run's passed checks and groups in report order, with their units (checker/unitorder.py).
    passed: Ordered[Finding] | None = None
    groups: Ordered[Group] | None = None
    # The open findings' copies the last run reported, by the original the rules found (`_copy`).
    copies: dict[int, tuple[Finding, Finding]] = field(default_factory=dict)
    _lexicon: tuple[Lexicon, list[ReadError]] | None = None
    _linker: Linker | None = None

    def fit(self, rules: Sequence[Rule]) -> None:
        """Forget the findings if the rules are not the ones they came from (a rule file changed)."""
        if len(rules) != len(self.rules) or any(a is not b for a, b in zip(rules, self.rules, strict=True)):
            self.rules = list(rules)
            self.units.clear()  # facts stay: grouping reads claims and dates, never the rules
            self._lexicon = None

    def lexicon(
        self, rules: Sequence[Rule], loader: Callable[[Sequence[Rule]], tuple[Lexicon, list[ReadError]]]
    ) -> tuple[Lexicon, list[ReadError]]:
        """The glossaries of these rules' folders, read once for as long as the rules are the same."""
        self.fit(rules)
        if self._lexicon is None:
            self._lexicon = loader(rules)
        return self._lexicon

    def linker(self, lexicon: Lexicon) -> Linker:
        """The linkings of this lexicon (match/linker.py): what the last run linked is carried over."""
        if self._linker is None or self._linker.lexicon is not lexicon:
            self._linker = Linker(lexicon)
        return self._linker


_MEMOS: WeakKeyDictionary[Store, Memo] = WeakKeyDictionary()


def memo_for(store: Store) -> Memo:
    """The memo of a store object (one per open store: the service keeps its store open)."""
    memo = _MEMOS.get(store)
    if memo is None:
        memo = _MEMOS[store] = Memo()
    return memo


@dataclass
class Outcome:
    """One evaluation: the facts (languages linked), settled findings, crashed rules and groups."""

    facts: list[Fact]
    findings: list[Finding]
    problems: list[str]
    groups: list[Group]


def _judge(
    rules: list[Rule], ctx: RuleContext, facts: Sequence[Fact] = (), *, recalls: bool = False
) -> _Unit:
    found, problems = collect(rules, ctx)
    return _Unit(found, problems, [group_of(f) for f in facts], recalled=ctx.recall.made if recalls else {})


def _unit(memo: Memo, key: Key, rules: list[Rule], part: Part, dates: Dates, *, recall: Recall) -> _Unit:
    """A unit not in this process's memo: as an earlier process kept it, else evaluated now."""
    row = kept.digest(memo.salt, key)
    data = memo.kept.get(row)
    stored = kept.decode(data, part.claims) if data is not None else None
    facts = part.facts
    if stored is not None:
        statuses = (
            stored.statuses if stored.statuses and len(stored.statuses) == len(facts) else [None] * len(facts)
        )
        return _Unit(
            stored.found, stored.problems, [group_of(f, s) for f, s in zip(facts, statuses, strict=True)], row
        )
    ctx = RuleContext(part.claims, facts, part.relations, dates, Recall(recall.last))
    unit = _judge(rules, ctx, facts, recalls=memo.recalls)
    unit.digest, unit.claims = row, part.claims
    memo.judged[row] = unit
    return unit


def _part_key(memo: Memo, part: Part, known: dict[tuple[int, ...], tuple[tuple[object, ...], Key]]) -> Key:
    """The part's key; the last run's, when the part is made of the same component keys and fact objects."""
    held = (*part.keys, *part.facts)
    ids = tuple(map(id, held))
    hit = known.get(ids)
    key = hit[1] if hit is not None and all(map(operator.is_, hit[0], held)) else part.key()
    memo.part_keys[ids] = (held, key)  # holding them: no id is taken by another object while it is kept
    return key


def _units(memo: Memo, rules: list[Rule], parts: list[Part], dates: Dates) -> list[_Unit]:
    """The component units and the document units of this run, evaluated where the memo has nothing."""
    memo.judged = {}
    component = [r for r in rules if r.scope == "component"]
    document = [r for r in rules if r.scope == "document"]
    units: dict[Key, _Unit] = {}
    known, memo.part_keys = memo.part_keys, {}
    keyed = [(_part_key(memo, part, known), part) for part in parts]
    keyed += [
        (("document", p, d.signature), Part(d.claims, [], d.relations)) for p, d in memo.documents.items()
    ]
    held = [memo.units.get(key) for key, _ in keyed]
    # What the units gone since judged: a unit that replaces one judges again only what changed in it.
    kept_ids = {id(u) for u in held if u is not None}
    gone = [u for u in memo.units.values() if u.recalled and id(u) not in kept_ids]
    recall = Recall({ids: hit for u in gone for ids, hit in u.recalled.items()})
    for (key, part), unit in zip(keyed, held, strict=True):
        rules_of = document if key[0] == "document" else component
        units[key] = unit or _unit(memo, key, rules_of, part, dates, recall=recall)
    memo.evaluated = len(memo.judged)
    memo.units = units
    return list(units.values())


def _copy(
    finding: Finding, last: dict[int, tuple[Finding, Finding]], now: dict[int, tuple[Finding, Finding]]
) -> Finding:
    """The open finding's copy for this run: the last run's copy of the same object, else a new one.

    Tracking sets both its status and its reason (checker/tracking.py), so a copy taken again says what
    a new copy would.
    """
    hit = last.get(id(finding))
    if hit is None or hit[0] is not finding:
        hit = (finding, finding.model_copy())
    now[id(finding)] = hit  # the original held: no other finding takes its id while its copy is kept
    return hit[1]


@shared_refs()
def evaluate_all(
    memo: Memo,
    rules: Sequence[Rule],
    data: Loaded,
    dates: Dates,
    link: Link,
) -> Outcome:
    """The rules over `data` (claims, relations, document signatures), as one evaluation of all of it."""
    claims, relations, signatures = data.claims, data.relations, data.signatures
    memo.fit(rules)
    enabled = [r for r in rules if r.config.enabled]
    comps = memo.regions.update(memo.documents, data.changed, data.before)
    keys = component_facts(memo, comps, signatures, dates)
    facts = link(sorted((f for key in keys for f in memo.facts[key]), key=lambda f: f.key))
    units = _units(memo, enabled, join_parts(comps, keys, facts, relations, memo), dates)
    corpus = [r for r in enabled if r.scope not in ("component", "document")]
    if corpus:
        units.append(_judge(corpus, RuleContext(claims, facts, relations, dates)))
    # Rule by rule, as one evaluation lists them.  Open ones are copies, as tracking sets each run's statuses
    # (the last run's copy of the same finding again: what is made of the report knows it by identity); a
    # passed check is never changed (tracking and settling leave it be): the same object run after run.
    copies, memo.copies = memo.copies, {}
    with_open = [unit for unit in units if unit.open()]
    findings = [
        _copy(f, copies, memo.copies)
        for rule in enabled
        for unit in with_open
        for f in unit.open().get(rule.id, ())
    ]
    problems = list(dict.fromkeys(p for unit in units for p in unit.problems))
    # Settled, the open findings come first, then every passed check in the order of their heads and places
    # (settling never changes a passed check): those, and the groups, updated from the last run's lists.
    ids = tuple(r.id for r in enabled)
    memo.passed = ordered(
        memo.passed,
        units,
        lambda u: u.passed(ids),
        key=settled_order,
        sort=lambda fs: settle(enabled, fs),
        salt=ids,
    )
    memo.groups = ordered(memo.groups, units, lambda u: u.groups, key=report_order)
    return Outcome(facts, [*settle(enabled, findings), *memo.passed.items], problems, list(memo.groups.items))
