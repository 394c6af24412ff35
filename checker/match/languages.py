"""One fact in two languages: English claims joined to the Chinese fact they restate.

A pass after `group_claims`: each English fact is split by its claims'
subjects, and each part joins the one Chinese fact that

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
  different subjects fit equally well, the part joins neither.

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

import re
from collections import defaultdict
from collections.abc import Sequence

from checker.match.align import Alignment, align, content_words, measure_fits
from checker.match.bilingual import Lexicon, english_words, has_han, stem
from checker.match.grouping import Fact, normalise_subject
from checker.models import Claim
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


def _times_fit(english: Sequence[Claim], chinese: Fact) -> bool:
    years = {c.year for c in english if c.year is not None}
    theirs = {c.year for c in chinese.claims if c.year is not None}
    if years and theirs and not years & theirs:
        return False
    ours = [c.period for c in english if c.period.known]
    known = [c.period for c in chinese.claims if c.period.known]
    if not ours or not known:
        return True
    return any(
        (a.start or "") <= (b.end or "") and (b.start or "") <= (a.end or "") for a in ours for b in known
    )


def _qualifiers_fit(english: Sequence[Claim], chinese: Fact, lexicon: Lexicon) -> bool:
    """Each qualifier of the Chinese fact (第一轮, a section) is ignorable or said in the English sentence."""
    said = {stem(w) for c in english for w in _WORD_RE.findall(c.sentence.lower())}
    for qualifier in chinese.qualifiers:
        if qualifier in lexicon.ignore_chinese or qualifier in _DEICTIC:
            continue
        glosses = [lexicon.gloss(seg) for seg in lexicon.segment(qualifier)]
        if not any(g is not None and g.words & said for g in glosses):
            return False
    return True


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


_WORD_RE = re.compile(r"[a-z]+")
MIN_EVIDENCE = 2
# "this time": tells this batch from earlier ones in the Chinese report, and the subject words already do.
_DEICTIC = frozenset({"此次", "本次"})

Candidate = tuple[tuple[int, int, int], Fact, Alignment]


def _candidates(part: list[Claim], chinese: Sequence[Fact], lexicon: Lexicon) -> list[Candidate]:
    subject = min((c.subject for c in part), key=len)
    sentence = " ".join(dict.fromkeys(c.sentence for c in part))
    out: list[Candidate] = []
    for fact in chinese:
        alignment = align(subject, fact.subject, lexicon, sentence, fact.measure)
        if alignment is None or _evidence(part, fact, alignment, lexicon) < MIN_EVIDENCE:
            continue
        if not _units_fit(part[0], fact, alignment, lexicon) or not _times_fit(part, fact):
            continue
        if not _qualifiers_fit(part, fact, lexicon):
            continue
        rank = (alignment.score, int(_modality_fits(part, fact)), len(fact.documents))
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


def _parts(fact: Fact, lexicon: Lexicon) -> list[list[Claim]]:
    """An English fact's claims by the content words of their subjects."""
    by_words: dict[tuple[str, ...], list[Claim]] = defaultdict(list)
    for claim in fact.claims:
        by_words[tuple(s for _, s in content_words(claim.subject, lexicon))].append(claim)
    return [claims for words, claims in sorted(by_words.items()) if words]


def _unambiguous(part: list[Claim], target: Fact) -> list[Claim]:
    """The claims that join: all of a report that gives the subject one figure.

    Of a report that gives it several ("average annual growth" of 9.26% and of
    20.82%), only those the target states too: which is which the words do not tell.
    """
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for claim in part:
        by_doc[claim.path].append(claim)
    out = []
    for claims in by_doc.values():
        if all(a.interval.overlaps(b.interval) for a in claims for b in claims):
            out.extend(claims)
        else:
            out.extend(c for c in claims if any(c.interval.overlaps(t.interval) for t in target.claims))
    return out


def _joined(fact: Fact, claims: list[Claim], pairs: list[str]) -> Fact:
    ordered = tuple(sorted([*fact.claims, *claims], key=lambda c: (c.path, c.offset)))
    joined = fact.model_copy(
        update={"claims": ordered, "linked_on": tuple(dict.fromkeys([*fact.linked_on, *pairs]))}
    )
    return joined.model_copy(update={"languages": fact_languages(joined)})


def link_languages(facts: Sequence[Fact], lexicon: Lexicon) -> list[Fact]:
    """Facts with every English part joined to the Chinese fact it restates (sorted by key)."""
    languages = {f.key: fact_languages(f) for f in facts}
    english = [f for f in facts if languages[f.key] == ("en",) and normalise_subject(f.subject)]
    if not english:
        return list(facts)
    chinese = {f.key: f for f in facts if languages[f.key] == ("zh",)}
    joins: dict[str, tuple[list[Claim], list[str]]] = {}
    left: dict[str, set[str]] = defaultdict(set)
    for fact in english:
        for part in _parts(fact, lexicon):
            chosen = _choose(_candidates(part, list(chinese.values()), lexicon))
            if chosen is None:
                continue
            _, target, alignment = chosen
            joining = _unambiguous(part, target)
            if not joining:
                continue
            claims, pairs = joins.setdefault(target.key, ([], []))
            claims.extend(joining)
            pairs.extend(alignment.pairs)
            left[fact.key] |= {c.ident for c in joining}
    out = []
    for fact in facts:
        if fact.key in joins:
            out.append(_joined(fact, *joins[fact.key]))
        elif fact.key in left:
            rest = tuple(c for c in fact.claims if c.ident not in left[fact.key])
            if rest:
                out.append(fact.model_copy(update={"claims": rest}))
        else:
            out.append(fact)
    return sorted(out, key=lambda f: f.key)
