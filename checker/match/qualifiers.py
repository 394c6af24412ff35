"""Whether an English claim says the qualifiers that set a Chinese fact apart (第一轮, 先后, a section).

A qualifier is said when a glossary term names it in the English words
("earlier batches" ↔ 先后) or when a CC-CEDICT gloss of one of its words is
among them.  The sentence must say each qualifier for a link to be made at
all; the clause of the figure saying all of a qualifier's words ("The first
round covered 320 tasks and the second 217": 第一轮 for 320, not 第二轮)
makes a fact the better of two that fit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.match.bilingual import Lexicon, english_words
from checker.models import Claim

# "this time": tells this batch from earlier ones in the Chinese report, and the subject words already do.
_DEICTIC = frozenset({"此次", "本次"})
_CLAUSE_RE = re.compile(r"[,;:]|[.!?](?=\s)|\band\b|\bwhile\b|\bbut\b")


def _contains(words: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    return n > 0 and any(tuple(words[i : i + n]) == tuple(phrase) for i in range(len(words) - n + 1))


def said(qualifier: str, words: Sequence[str], lexicon: Lexicon, *, every_word: bool = False) -> bool:
    """Whether the English stems `words` say `qualifier` (with `every_word`, each of its glossed words)."""
    for term in lexicon.terms:
        if any(p in qualifier for p in term.chinese) and any(_contains(words, p) for p in term.english):
            return True
    # Word by word for a full reading: 第二轮 is "second" and "round", not a sense of 第二轮 that says "round".
    segments = lexicon.segment(qualifier, longest=2 if every_word else 6)
    # A measure word's senses are what it counts: 轮 counts rounds.
    glosses = [g.words | g.counts for seg in segments if (g := lexicon.gloss(seg)) is not None and g.words]
    hits = [g for g in glosses if g & set(words)]
    return bool(hits) and (not every_word or len(hits) == len(glosses))


def _relevant(fact_qualifiers: Sequence[str], lexicon: Lexicon) -> list[str]:
    return [q for q in fact_qualifiers if q not in lexicon.ignore_chinese and q not in _DEICTIC]


def qualifiers_fit(english: Sequence[Claim], qualifiers: Sequence[str], lexicon: Lexicon) -> bool:
    """Each qualifier of the Chinese fact is ignorable or said in an English claim's sentence."""
    words = [w for c in english for w in english_words(c.sentence)]
    return all(said(q, words, lexicon) for q in _relevant(qualifiers, lexicon))


def clause_of(claim: Claim) -> str:
    """The clause of the sentence that holds the figure."""
    text, at = claim.sentence, claim.sentence_offset
    cuts = [m for m in _CLAUSE_RE.finditer(text)]
    start = max((m.end() for m in cuts if m.end() <= at), default=0)
    end = min((m.start() for m in cuts if m.start() >= claim.sentence_end), default=len(text))
    return text[start:end]


def qualifiers_in_clause(claim: Claim, qualifiers: Sequence[str], lexicon: Lexicon) -> int:
    """How many of the fact's qualifiers the figure's own clause says in full."""
    words = english_words(clause_of(claim))
    return sum(said(q, words, lexicon, every_word=True) for q in _relevant(qualifiers, lexicon))
