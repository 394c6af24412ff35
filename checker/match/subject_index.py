"""Which Chinese subjects an English claim could possibly align with, found without aligning.

`align` (match/align.py) returns None unless every character of the Chinese
subject is accounted for, and a character is accounted for in only these ways:

1. a word the lexicon lets Chinese leave unmatched (`_ignorable`), or the
   examples before 等 (`_examples`): they need nothing of the English side;
2. a glossary term's Chinese phrase over it: in `_terms` only when all words
   of one of the term's English phrases are among the English subject's
   stems (`_find`: in order, or all of them in another order), in
   `_from_sentence` only when they are all among the sentence's stems;
3. a CC-CEDICT word over it: `_dictionary` and `_from_sentence` split the
   uncovered runs with `Lexicon.segment`, so the word is a headword of at
   most SEGMENT_LONGEST characters inside the subject, and it counts only
   when its gloss shares a stem with the English subject (`_dictionary`) or
   sentence (`_from_sentence`).

`_measure` and `_of_phrase` account for English words only.  So every
character outside (1) must be under a key of (2) or (3) the claim holds: a
glossary term it says, or a stem it says that the gloss of a word over the
character has.  That is a necessary condition of a link, never a guess; the
keys are taken generously (every occurrence of a phrase, overlapping ones
too; every headword inside the subject, whatever the segmentation; every
word of the subject, stop words too), which only lets more facts through to
`align`.  A subject with a character no key covers can never align.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from checker.match.bilingual import SEGMENT_LONGEST, Lexicon, english_words, stem

# A stem the English claim says (str), or the index of a glossary term in `Lexicon.terms` it says (int).
Key = str | int
# Per character that needs the English side, the keys that could account for it.
Needs = tuple[frozenset[Key], ...]
_WORD_RE = re.compile(r"[a-z]+")


def english_keys(subject: str, sentence: str, lexicon: Lexicon) -> frozenset[Key]:
    """The stems an English claim's subject and sentence say, and the glossary terms they say whole."""
    stems: set[str] = {stem(w) for w in _WORD_RE.findall(subject.lower())}
    stems.update(english_words(sentence))
    # `_find` needs all of a phrase's words in the subject, `_from_sentence` all in the sentence:
    # both imply all of them among the stems of the two together.
    terms = {i for i, t in enumerate(lexicon.terms) if any(set(p) <= stems for p in t.english)}
    return frozenset([*stems, *terms])


def _occurrences(text: str, phrase: str) -> Iterable[int]:
    """Every start of `phrase` in `text`, overlapping ones too (re.finditer finds a subset)."""
    at = text.find(phrase)
    while at >= 0:
        yield at
        at = text.find(phrase, at + 1)


def _free(subject: str, lexicon: Lexicon) -> set[int]:
    """Characters `_ignorable` or `_examples` might account for, whatever the English says."""
    free: set[int] = set()
    for word in lexicon.ignore_chinese:
        for start in _occurrences(subject, word) if word else ():
            free.update(range(start, start + len(word)))
    at = subject.find("等")
    if 0 < at <= len(subject) - 3:
        free.update(range(at + 1))
    return free


def subject_needs(subject: str, lexicon: Lexicon) -> Needs:
    """For each character of `subject` that needs the English side, the keys that could account for it.

    Empty when nothing needs the English; holding an empty set when some character nothing can cover.
    """
    cached: Needs | None = lexicon.needs.get(subject)
    if cached is not None:
        return cached
    cover: list[set[Key]] = [set() for _ in subject]
    for i, term in enumerate(lexicon.terms):
        for phrase in (p for p in term.chinese if p):
            for start in _occurrences(subject, phrase):
                for at in range(start, start + len(phrase)):
                    cover[at].add(i)
    cedict = lexicon.cedict
    for start in range(len(subject)):
        for size in range(1, min(SEGMENT_LONGEST, len(subject) - start) + 1):
            word = subject[start : start + size]
            gloss = lexicon.gloss(word) if word in cedict else None
            if gloss is not None and gloss.words:
                for at in range(start, start + size):
                    cover[at].update(gloss.words)
    free = _free(subject, lexicon)
    needs = tuple(dict.fromkeys(frozenset(c) for at, c in enumerate(cover) if at not in free))
    lexicon.needs[subject] = needs
    return needs


def satisfied(needs: Needs, keys: frozenset[Key]) -> bool:
    """Whether the claim's keys could account for every character that needs them."""
    return all(not need.isdisjoint(keys) for need in needs)


class SubjectIndex:
    """Chinese subjects by the keys of their hardest character: a claim looks up only the keys it holds."""

    def __init__(self, subjects: Sequence[str], lexicon: Lexicon) -> None:
        self.needs = [subject_needs(s, lexicon) if s else (frozenset(),) for s in subjects]
        self.always: list[int] = []  # nothing needs the English side
        self.by_key: dict[Key, list[int]] = defaultdict(list)
        for i, needs in enumerate(self.needs):
            if not needs:
                self.always.append(i)
            elif all(needs):
                # Any character's keys would do (each is necessary); the fewest keep the lists short.
                for key in min(needs, key=len):
                    self.by_key[key].append(i)
            # else: a character no key covers (or an empty subject, which `align` refuses): never aligns.

    def lookup(self, keys: frozenset[Key]) -> set[int]:
        """The subjects (by position) whose every character the keys could account for."""
        found = set(self.always)
        for key in keys:
            found.update(self.by_key.get(key, ()))
        return {i for i in found if satisfied(self.needs[i], keys)}
