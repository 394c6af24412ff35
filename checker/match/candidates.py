"""The Chinese facts an English claim could join, and how well each fits (match/languages.py chooses).

A Chinese fact is a candidate when the subjects align with enough evidence,
the units and times fit and the English sentence says the fact's qualifiers
(the conditions are listed in match/languages.py).  Judging a pair means
aligning it, which is the costly part; held against every Chinese fact, each
English claim made linking quadratic.  `Chinese` indexes the Chinese facts
once per linking so a claim is judged only against the facts that pass every
condition that needs no alignment: a subject whose every character the claim
could account for (match/subject_index.py), then a unit of the same dimension
and a time that fits.  Each is a necessary condition of a candidate, so the
candidates, and the rivals `_choose` weighs, are the ones judging every fact
would find.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from checker.match.align import Alignment, align, measure_fits
from checker.match.bilingual import Lexicon, Term, english_words
from checker.match.grouping import Fact
from checker.match.qualifiers import qualifiers_fit, qualifiers_in_clause
from checker.match.subject_index import Key, LiveIndex, SubjectIndex, english_keys
from checker.models import Claim, Period
from checker.units import comparable

MIN_EVIDENCE = 2
_PLAIN_UNITS = frozenset({"count", "percent", "ratio", "percentage_point", "permille"})

Candidate = tuple[tuple[int, int, int, int], Fact, Alignment]
_Judged = dict[tuple[int, int], tuple[Claim, Fact, Candidate | None]]


@dataclass(frozen=True)
class Side:
    """A Chinese fact with what every English figure is held against, worked out once per linking."""

    fact: Fact
    years: frozenset[int]
    periods: tuple[Period, ...]
    sentences: str
    outcomes: frozenset[bool]
    # The glossary terms its sentences say, for the last lexicon asked about (one per linking).
    _said: list[tuple[Lexicon, tuple[Term, ...]]] = field(default_factory=list, compare=False, repr=False)

    @classmethod
    def of(cls, fact: Fact) -> Side:
        years = frozenset(c.year for c in fact.claims if c.year is not None)
        periods = tuple(c.period for c in fact.claims if c.period.known)
        outcomes = frozenset(c.modality.is_outcome for c in fact.claims)
        return cls(fact, years, periods, " ".join(dict.fromkeys(c.sentence for c in fact.claims)), outcomes)

    def terms_said(self, lexicon: Lexicon) -> tuple[Term, ...]:
        """The lexicon's terms with a Chinese phrase in the fact's sentences (worked out once, not per claim)."""
        if not self._said or self._said[0][0] is not lexicon:
            said = tuple(t for t in lexicon.terms if any(p in self.sentences for p in t.chinese))
            self._said[:] = [(lexicon, said)]
        return self._said[0][1]


def _units_fit(english: Claim, chinese: Fact, alignment: Alignment, lexicon: Lexicon) -> bool:
    if english.unit == "count" or chinese.unit == "count":
        return english.unit == chinese.unit and measure_fits(chinese.measure, alignment, lexicon)
    return comparable(english.unit, chinese.unit)


def dimension_fits(english: Claim, unit: str) -> bool:
    """What `_units_fit` asks of the units alone: counts with counts, other units of one dimension."""
    if english.unit == "count" or unit == "count":
        return english.unit == unit
    return comparable(english.unit, unit)


def times_fit(english: Sequence[Claim], theirs: frozenset[int], known: Sequence[Period]) -> bool:
    """No two different stated years, no two known periods that do not overlap."""
    years = {c.year for c in english if c.year is not None}
    if years and theirs and not years & theirs:
        return False
    ours = [c.period for c in english if c.period.known]
    if not ours or not known:
        return True
    return any(
        (a.start or "") <= (b.end or "") and (b.start or "") <= (a.end or "") for a in ours for b in known
    )


def _evidence(part: Sequence[Claim], side: Side, alignment: Alignment, lexicon: Lexicon) -> int:
    """Words the link rests on, plus one for a dimensioned unit and one for a glossary term both sentences say."""
    unit = int(part[0].unit not in _PLAIN_UNITS)
    said = {tuple(english_words(c.sentence)) for c in part}
    shared = any(
        not alignment.terms.intersection(term.chinese)
        and any(_contains(words, phrase) for words in said for phrase in term.english)
        for term in side.terms_said(lexicon)
    )
    return alignment.weight + unit + int(shared)


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


def _modality_fits(english: Sequence[Claim], side: Side) -> bool:
    return any(c.modality.is_outcome in side.outcomes for c in english)


def judge(part: list[Claim], side: Side, lexicon: Lexicon) -> Candidate | None:
    """The rank of the Chinese fact as the claims' link, or None when it cannot be their link.

    The caller has checked the dimension and the times (`dimension_fits`, `times_fit`).
    """
    subject, sentence = _words(part)
    fact = side.fact
    key = (subject, fact.subject, sentence, fact.measure, side.sentences)
    if key not in lexicon.aligned:
        lexicon.aligned[key] = align(*key[:2], lexicon, sentence, fact.measure, chinese_sentence=key[4])
    alignment: Alignment | None = lexicon.aligned[key]
    if alignment is None or _evidence(part, side, alignment, lexicon) < MIN_EVIDENCE:
        return None
    if not _units_fit(part[0], fact, alignment, lexicon):
        return None
    if not qualifiers_fit(part, fact.qualifiers, lexicon):
        return None
    in_clause = qualifiers_in_clause(part[0], fact.qualifiers, lexicon)
    return (alignment.score, in_clause, int(_modality_fits(part, side)), len(fact.documents)), fact, alignment


def _words(part: Sequence[Claim]) -> tuple[str, str]:
    """The English subject and sentence `judge` aligns for the claims."""
    return min((c.subject for c in part), key=len), " ".join(dict.fromkeys(c.sentence for c in part))


class _Lookup(Protocol):
    def lookup(self, keys: frozenset[Key]) -> set[int]: ...


class Chinese:
    """The Chinese facts of one linking, indexed by what its English claims must share with them.

    The index holds only what the claims given here could account for: ask it about those claims.
    """

    def __init__(self, facts: Sequence[Fact], english: Sequence[list[Claim]], lexicon: Lexicon) -> None:
        self._start(lexicon, facts)
        for part in english:
            self._keys_of(part)
        self.subjects: _Lookup = SubjectIndex([f.subject for f in facts], self._keys.values(), lexicon)
        # A claim held against a fact, as the last linking judged it: the same objects, the same judgement.
        # Only the last linking's are kept, so facts long gone are not held.
        self._judged_before: _Judged = lexicon.linking.get("judged", {})
        lexicon.linking["judged"] = self._judged

    def _start(self, lexicon: Lexicon, facts: Mapping[int, Fact] | Sequence[Fact]) -> None:
        """What every linking's facts start with: nothing worked out yet."""
        self.lexicon = lexicon
        self.facts = facts
        self._sides: dict[int, Side] = {}  # only for the facts some claim looks up
        self._keys: dict[tuple[str, str], frozenset[Key]] = {}
        self._units: dict[tuple[str, str], bool] = {}
        self._judged_before = {}
        self._judged: _Judged = {}

    def _keys_of(self, part: Sequence[Claim]) -> frozenset[Key]:
        words = _words(part)
        if words not in self._keys:
            self._keys[words] = english_keys(*words, self.lexicon)
        return self._keys[words]

    def _unit_fits(self, english: Claim, unit: str) -> bool:
        key = (english.unit, unit)
        if key not in self._units:
            self._units[key] = dimension_fits(english, unit)
        return self._units[key]

    def candidates(self, part: list[Claim]) -> list[Candidate]:
        """The facts the claims could join, each with its rank (unordered)."""
        return self.found(part, self._keys_of(part))

    def found(self, part: list[Claim], keys: frozenset[Key]) -> list[Candidate]:
        """`candidates`, for claims whose keys (`english_keys`) are known."""
        # `align` needs every Chinese character accounted for: only subjects the claims' words could cover.
        out = []
        for i in sorted(self.subjects.lookup(keys)):
            if not self._unit_fits(part[0], self.facts[i].unit):
                continue
            side = self._sides.get(i)
            if side is None:
                side = self._sides[i] = Side.of(self.facts[i])
            if times_fit(part, side.years, side.periods):
                found = self._judge(part, side)
                if found is not None:
                    out.append(found)
        return out

    def _judge(self, part: list[Claim], side: Side) -> Candidate | None:
        if len(part) != 1:
            return judge(part, side, self.lexicon)
        key = (id(part[0]), id(side.fact))
        hit = self._judged.get(key) or self._judged_before.get(key)
        if hit is None or hit[0] is not part[0] or hit[1] is not side.fact:
            hit = (part[0], side.fact, judge(part, side, self.lexicon))
        self._judged[key] = hit
        return hit[2]


class LiveChinese(Chinese):
    """The Chinese facts of a process's runs, added and removed as they come and go (checker/match/linker.py).

    Facts are numbered by their `id` (each is held while it is in).  It answers for English claims whose
    keys are all `held` (match/subject_index.py's LiveIndex).
    """

    def __init__(self, lexicon: Lexicon, held: frozenset[Key]) -> None:  # not Chinese's: nothing to index yet
        self.live: dict[int, Fact] = {}
        self._start(lexicon, self.live)
        self.index = LiveIndex(lexicon, held)
        self.subjects = self.index

    def add(self, fact: Fact, held: Mapping[Key, int]) -> None:
        self.live[id(fact)] = fact
        self.index.add(id(fact), fact.subject, held)

    def remove(self, fact: Fact) -> None:
        del self.live[id(fact)]
        self._sides.pop(id(fact), None)
        self.index.remove(id(fact))

    def turn(self) -> None:
        """A linking starts: the judgements of the last one are kept for it, those of earlier ones dropped."""
        self._judged_before, self._judged = self._judged, {}
