"""One fact in two languages: English claims joined to the Chinese fact they restate.

A pass after `group_claims`: each claim of an English fact is judged on its
own (its subject, sentence and time) and joins the one Chinese fact that

* names the same thing (checker/match/align.py: every word on both sides
  accounted for by the glossary, CC-CEDICT or an ignorable word, and the
  evidence strong);
* measures in a unit of the same dimension (kilometers and 公里 through pint),
  or, for counts, with a measure word the English noun counts with
  (piles ↔ 个, tasks ↔ 项);
* holds for a compatible time: no two different stated years, no two known
  periods that do not overlap;
* rests on enough evidence: two English words accounted for (a glossary term
  of two words, or two dictionary words), where a unit with a dimension (km,
  hours, yuan) or a glossary term said in both sentences besides the subjects
  counts as one: "projects" ↔ 项目 alone never links, "stay" ↔ 停留 in hours
  does;
* is the best such fact by a clear margin: when two Chinese facts with
  different subjects fit equally well, the claim joins neither; among facts
  of one subject, the one whose qualifiers the figure's clause says
  (checker/match/qualifiers.py) ranks first.

The figures play no part in the choice, so "680 km" joins the fact "660公里"
states and the `agree` rule reports the conflict.  Modality (a target, an
outcome) is a preference, not a condition: plan lists state goals without the
future tense English uses ("will add"), and the extractor reads 累计…达到 in a plan
list as achieved, so a link goes to the fact of the same modality when the
subject has one, and otherwise to the other; `assess` still judges targets
with targets and outcomes with outcomes.  The joined fact carries the
languages and the word pairs the link rests on, so a reviewer can judge it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from checker.match.align import Alignment, align, content_words, measure_fits
from checker.match.bilingual import Lexicon, english_words, has_han
from checker.match.grouping import Fact, normalise_subject
from checker.match.qualifiers import qualifiers_fit, qualifiers_in_clause
from checker.models import Claim, Period
from checker.units import comparable


def claim_language(claim: Claim) -> str:
    """The language a claim was read in: zh (Chinese text around it) or en."""
    return "zh" if has_han(claim.text) or has_han(claim.subject) or has_han(claim.sentence) else "en"


def fact_languages(fact: Fact) -> tuple[str, ...]:
    """The languages a fact's claims are stated in, sorted."""
    return tuple(sorted({claim_language(c) for c in fact.claims}))


def _units_fit(english: Claim, chinese: Fact, alignment: Alignment, lexicon: Lexicon) -> bool:
    if english.unit == "count" or chinese.unit == "count":
        return english.unit == chinese.unit and measure_fits(chinese.measure, alignment, lexicon)
    return comparable(english.unit, chinese.unit)


def _dimension_fits(english: Claim, unit: str) -> bool:
    """What `_units_fit` asks of the units alone: counts with counts, other units of one dimension."""
    if english.unit == "count" or unit == "count":
        return english.unit == unit
    return comparable(english.unit, unit)


def _times_fit(english: Sequence[Claim], theirs: frozenset[int], known: Sequence[Period]) -> bool:
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


@dataclass(frozen=True)
class _Side:
    """A Chinese fact with what every English figure is held against, worked out once per linking."""

    fact: Fact
    years: frozenset[int]
    periods: tuple[Period, ...]
    sentences: str


def _by_unit(chinese: Sequence[Fact]) -> dict[str, list[_Side]]:
    out: dict[str, list[_Side]] = defaultdict(list)
    for f in chinese:
        years = frozenset(c.year for c in f.claims if c.year is not None)
        periods = tuple(c.period for c in f.claims if c.period.known)
        out[f.unit].append(_Side(f, years, periods, " ".join(dict.fromkeys(c.sentence for c in f.claims))))
    return out


_PLAIN_UNITS = frozenset({"count", "percent", "ratio", "percentage_point", "permille"})


def _evidence(part: Sequence[Claim], chinese: Fact, alignment: Alignment, lexicon: Lexicon) -> int:
    """Words the link rests on, plus one for a dimensioned unit and one per glossary term both sentences say."""
    unit = int(part[0].unit not in _PLAIN_UNITS)
    said = {tuple(english_words(c.sentence)) for c in part}
    theirs = "".join({c.sentence for c in chinese.claims})
    shared = 0
    for term in lexicon.terms:
        if term.chinese and set(term.chinese) & alignment.terms:
            continue
        in_zh = any(p in theirs for p in term.chinese)
        if in_zh and any(_contains(words, phrase) for words in said for phrase in term.english):
            shared += 1
    return alignment.weight + unit + min(shared, 1)


def _contains(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(words[i : i + n] == phrase for i in range(len(words) - n + 1))


def _modality_fits(english: Sequence[Claim], chinese: Fact) -> bool:
    ours = {c.modality.is_outcome for c in english}
    return bool(ours & {c.modality.is_outcome for c in chinese.claims})


MIN_EVIDENCE = 2

Candidate = tuple[tuple[int, int, int, int], Fact, Alignment]


def _candidates(part: list[Claim], chinese: Mapping[str, list[_Side]], lexicon: Lexicon) -> list[Candidate]:
    subject = min((c.subject for c in part), key=len)
    sentence = " ".join(dict.fromkeys(c.sentence for c in part))
    out: list[Candidate] = []
    # What does not need the words goes first: most facts fail there, and aligning is the costly part.
    for side in (s for unit, sides in chinese.items() if _dimension_fits(part[0], unit) for s in sides):
        if not _times_fit(part, side.years, side.periods):
            continue
        fact = side.fact
        key = (subject, fact.subject, sentence, fact.measure, side.sentences)
        if key not in lexicon.aligned:
            lexicon.aligned[key] = align(*key[:2], lexicon, sentence, fact.measure, chinese_sentence=key[4])
        alignment = lexicon.aligned[key]
        if alignment is None or _evidence(part, fact, alignment, lexicon) < MIN_EVIDENCE:
            continue
        if not _units_fit(part[0], fact, alignment, lexicon):
            continue
        if not qualifiers_fit(part, fact.qualifiers, lexicon):
            continue
        in_clause = qualifiers_in_clause(part[0], fact.qualifiers, lexicon)
        rank = (alignment.score, in_clause, int(_modality_fits(part, fact)), len(fact.documents))
        out.append((rank, fact, alignment))
    return sorted(out, key=lambda c: (c[0], c[1].key), reverse=True)


def _choose(candidates: list[Candidate]) -> Candidate | None:
    """The best candidate, unless another subject fits as well (then the link would be a guess)."""
    if not candidates:
        return None
    best = candidates[0]
    # A rival resting on other words is another reading; one resting on the same glossary words
    # names the same thing (实事项目 and 民生实事 are both "practical projects").
    rivals = [
        c
        for c in candidates[1:]
        if c[0][0] == best[0][0] and c[1].subject != best[1].subject and _words(c[2]) != _words(best[2])
    ]
    return None if rivals else best


def _words(alignment: Alignment) -> set[str]:
    return {pair.split(" ↔ ")[0] for pair in alignment.pairs if " ↔ " in pair}


def _subject_words(claim: Claim, lexicon: Lexicon) -> tuple[str, ...]:
    return tuple(s for _, s in content_words(claim.subject, lexicon))


def _unambiguous(chosen: dict[str, Fact], claims: Sequence[Claim], lexicon: Lexicon) -> dict[str, Fact]:
    """The choices that stand: all of a report that gives a subject one figure.

    Of a report that gives it several ("average annual growth" of 9.26% and of
    20.82%), only those whose target states the figure too: which is which the
    words do not tell.
    """
    by_doc: dict[tuple[str, tuple[str, ...]], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.ident in chosen:
            by_doc[(claim.path, _subject_words(claim, lexicon))].append(claim)
    out = {}
    for group in by_doc.values():
        single = all(a.interval.overlaps(b.interval) for a in group for b in group)
        for c in group:
            target = chosen[c.ident]
            if single or any(c.interval.overlaps(t.interval) for t in target.claims):
                out[c.ident] = target
    return out


def _joined(fact: Fact, claims: list[Claim], pairs: list[str]) -> Fact:
    ordered = tuple(sorted([*fact.claims, *claims], key=lambda c: (c.path, c.offset)))
    joined = fact.model_copy(
        update={"claims": ordered, "linked_on": tuple(dict.fromkeys([*fact.linked_on, *pairs]))}
    )
    return joined.model_copy(update={"languages": fact_languages(joined)})


def link_languages(facts: Sequence[Fact], lexicon: Lexicon) -> list[Fact]:
    """Facts with every English claim joined to the Chinese fact it restates (sorted by key).

    Each claim is judged on its own, with its own subject, sentence and time:
    one report's "five alliances" and another's "19 alliances" may join
    different facts.
    """
    languages = {f.key: fact_languages(f) for f in facts}
    english = [f for f in facts if languages[f.key] == ("en",) and normalise_subject(f.subject)]
    if not english:
        return list(facts)
    chinese = _by_unit([f for f in facts if languages[f.key] == ("zh",)])
    claims = [c for f in english for c in f.claims if _subject_words(c, lexicon)]
    chosen: dict[str, Fact] = {}
    pairs: dict[str, list[str]] = {}
    for claim in claims:
        best = _choose(_candidates([claim], chinese, lexicon))
        if best is not None:
            chosen[claim.ident], pairs[claim.ident] = best[1], list(best[2].pairs)
    standing = _unambiguous(chosen, claims, lexicon)
    joins: dict[str, tuple[list[Claim], list[str]]] = {}
    for claim in claims:
        if claim.ident in standing:
            joined, why = joins.setdefault(standing[claim.ident].key, ([], []))
            joined.append(claim)
            why.extend(pairs[claim.ident])
    left = {c.ident for joined, _ in joins.values() for c in joined}
    out = []
    for fact in facts:
        if fact.key in joins:
            out.append(_joined(fact, *joins[fact.key]))
        elif any(c.ident in left for c in fact.claims):
            rest = tuple(c for c in fact.claims if c.ident not in left)
            if rest:
                out.append(fact.model_copy(update={"claims": rest}))
        else:
            out.append(fact)
    return sorted(out, key=lambda f: f.key)
