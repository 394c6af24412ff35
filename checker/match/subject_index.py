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
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

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


# A glossary term's Chinese phrase (with the term's index) or an ignorable word (None), by first character.
Phrases = Mapping[str, Sequence[tuple[str, int | None]]]


def phrases(lexicon: Lexicon) -> Phrases:
    """The lexicon's Chinese phrases by first character, so a subject is matched only against its own."""
    out: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for i, term in enumerate(lexicon.terms):
        for phrase in (p for p in term.chinese if p):
            out[phrase[0]].append((phrase, i))
    for word in (w for w in lexicon.ignore_chinese if w):
        out[word[0]].append((word, None))
    return out


def subject_needs(subject: str, lexicon: Lexicon, by_first: Phrases) -> Needs:
    """For each character of `subject` that needs the English side, the keys that could account for it.

    Empty when nothing needs the English; holding an empty set when some character nothing can cover.
    Every occurrence of a phrase counts, overlapping ones too (`_terms` and `_ignorable` find a subset).
    """
    cached: Needs | None = lexicon.needs.get(subject)
    if cached is not None:
        return cached
    cover: list[list[Iterable[Key]]] = [[] for _ in subject]
    free: set[int] = set()
    for start, char in enumerate(subject):
        for phrase, term in by_first.get(char, ()):
            if subject.startswith(phrase, start):
                span = range(start, start + len(phrase))
                if term is None:  # `_ignorable` may account for it
                    free.update(span)
                else:
                    for at in span:
                        cover[at].append((term,))
        for end in range(start + 1, min(start + SEGMENT_LONGEST, len(subject)) + 1):
            word = subject[start:end]
            if not lexicon.starts_word(word):
                break  # nor does any longer word from here
            words = lexicon.gloss_words(word)
            for at in range(start, end) if words else ():
                cover[at].append(words)
    at = subject.find("等")
    if 0 < at <= len(subject) - 3:  # `_examples` may account for the list before it
        free.update(range(at + 1))
    empty: frozenset[Key] = frozenset()
    needs = tuple([empty.union(*c) for at, c in enumerate(cover) if at not in free])
    lexicon.needs[subject] = needs
    return needs


def satisfied(needs: Needs, keys: frozenset[Key]) -> bool:
    """Whether the claim's keys could account for every character that needs them."""
    return all(not need.isdisjoint(keys) for need in needs)


class SubjectIndex:
    """Chinese subjects by the keys of one character each: a claim looks up only the keys it holds.

    Built for the English claims of one linking (`claims`: the keys of each): keys no claim holds are
    left out, and each subject is filed under the character whose keys the fewest claims hold.
    """

    def __init__(self, subjects: Sequence[str], claims: Iterable[frozenset[Key]], lexicon: Lexicon) -> None:
        held = Counter(key for keys in claims for key in keys)
        anyone = frozenset(held)
        by_first = phrases(lexicon)
        self.needs: list[Needs] = []
        self.by_key: dict[Key, list[int]] = defaultdict(list)
        self.always: list[int] = []  # nothing needs the English side
        for i, subject in enumerate(subjects):
            # An empty subject never aligns (`align` refuses it); a key no claim holds helps none.
            needs = (
                tuple(dict.fromkeys(n & anyone for n in subject_needs(subject, lexicon, by_first)))
                if subject
                else (frozenset(),)
            )
            self.needs.append(needs)
            if not needs:
                self.always.append(i)
            elif all(needs):
                # Every character's keys are necessary; the rarest are the fewest lookups.
                for key in min(needs, key=lambda need: sum(held[k] for k in need)):
                    self.by_key[key].append(i)
            # else: a character no claim can account for: the subject is never looked up.

    def lookup(self, keys: frozenset[Key]) -> set[int]:
        """The subjects (by position) whose every character the keys could account for."""
        found = set(self.always)
        for key in keys:
            found.update(self.by_key.get(key, ()))
        return {i for i in found if satisfied(self.needs[i], keys)}
