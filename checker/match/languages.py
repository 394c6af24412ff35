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
from collections.abc import Callable, Sequence

from checker.match.align import Alignment, content_words
from checker.match.bilingual import Lexicon, has_han
from checker.match.candidates import Candidate, Chinese
from checker.match.grouping import Fact, normalise_subject
from checker.models import Claim


def claim_language(claim: Claim) -> str:
    """The language a claim was read in: zh (Chinese text around it) or en."""
    return "zh" if has_han(claim.text) or has_han(claim.subject) or has_han(claim.sentence) else "en"


def fact_languages(fact: Fact) -> tuple[str, ...]:
    """The languages a fact's claims are stated in, sorted."""
    return tuple(sorted({claim_language(c) for c in fact.claims}))


# Given the Chinese facts and the English claims of one linking, what finds a claim's candidates (unordered).
Finder = Callable[[Sequence[Fact], Sequence[list[Claim]], Lexicon], Callable[[list[Claim]], list[Candidate]]]


def _indexed(
    chinese: Sequence[Fact], english: Sequence[list[Claim]], lexicon: Lexicon
) -> Callable[[list[Claim]], list[Candidate]]:
    return Chinese(chinese, english, lexicon).candidates


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


def subject_words(claim: Claim, lexicon: Lexicon) -> tuple[str, ...]:
    """The content words of a claim's subject (a claim without any is never placed)."""
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
            by_doc[(claim.path, subject_words(claim, lexicon))].append(claim)
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


def link_languages(facts: Sequence[Fact], lexicon: Lexicon, finder: Finder = _indexed) -> list[Fact]:
    """Facts with every English claim joined to the Chinese fact it restates (sorted by key).

    Each claim is judged on its own, with its own subject, sentence and time:
    one report's "five alliances" and another's "19 alliances" may join
    different facts.  `finder` finds a claim's candidates: the index of
    match/candidates.py (tests hold it against judging every Chinese fact).
    A process of many runs links with match/linker.py, which gives the same.
    """
    english, chinese = languages_of(facts)
    if not english:
        return list(facts)
    claims = [c for f in english for c in f.claims if subject_words(c, lexicon)]
    candidates = finder(chinese, [[c] for c in claims], lexicon)
    chosen: dict[str, Choice] = {}
    for claim in claims:
        best = best_of(candidates([claim]))
        if best is not None:
            chosen[claim.ident] = best
    return joined(facts, english, claims, chosen, lexicon)


# A claim's link: the Chinese fact, and the word pairs it rests on.
Choice = tuple[Fact, list[str]]


def languages_of(facts: Sequence[Fact]) -> tuple[list[Fact], list[Fact]]:
    """The English facts a linking places (those with a subject) and the Chinese facts it may join."""
    stated = [f.stated_in for f in facts]
    english = [f for f, s in zip(facts, stated, strict=True) if s == ("en",) and normalise_subject(f.subject)]
    return english, [f for f, s in zip(facts, stated, strict=True) if s == ("zh",)]


def best_of(candidates: list[Candidate]) -> Choice | None:
    """The claim's link among its candidates, unless none or a rival fits as well."""
    best = _choose(sorted(candidates, key=lambda c: (c[0], c[1].key), reverse=True))
    return None if best is None else (best[1], list(best[2].pairs))


def joined(
    facts: Sequence[Fact],
    english: Sequence[Fact],
    claims: Sequence[Claim],
    chosen: dict[str, Choice],
    lexicon: Lexicon,
) -> list[Fact]:
    """The facts once the choices that stand (`_unambiguous`) are made: claims moved, sorted by key."""
    standing = _unambiguous({i: fact for i, (fact, _) in chosen.items()}, claims, lexicon)
    joins: dict[str, tuple[list[Claim], list[str]]] = {}
    for claim in claims:
        if claim.ident in standing:
            joined_, why = joins.setdefault(standing[claim.ident].key, ([], []))
            joined_.append(claim)
            why.extend(chosen[claim.ident][1])
    left = {c.ident for joined_, _ in joins.values() for c in joined_}
    # The claims that left are English facts' (each claim is in one fact): only those facts lose any, and
    # the walk of every claim of every fact was 0.085 s of each run at 10,000 documents.
    losing = {id(f) for f in english if any(c.ident in left for c in f.claims)}
    out = []
    for fact in facts:
        if fact.key in joins:
            out.append(_joined(fact, *joins[fact.key]))
        elif id(fact) in losing:
            rest = tuple(c for c in fact.claims if c.ident not in left)
            if rest:
                out.append(fact.model_copy(update={"claims": rest}))
        else:
            out.append(fact)
    return sorted(out, key=lambda f: f.key)
