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
`align`.  A subject with a character no key of any English claim of the
linking covers is never looked up (`Reach`): it can align with none of them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

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


class Reach:
    """What the English claims of one linking could account for in a Chinese subject.

    `held` is every key some claim holds: a character none of whose keys is held is one no claim of
    the linking can account for, so its subject is dropped at that character, and the keys of the
    others are cut down to the held ones.
    """

    def __init__(self, lexicon: Lexicon, held: frozenset[Key]) -> None:
        self.lexicon = lexicon
        self.held = held
        self.by_first = phrases(lexicon)
        self._words: dict[str, frozenset[Key]] = {}  # a CC-CEDICT word's held stems
        self._terms = {i: frozenset([i]) for i in range(len(lexicon.terms)) if i in held}
        self._needs: dict[str, Needs | None] = {}

    def _word(self, word: str) -> frozenset[Key]:
        keys = self._words.get(word)
        if keys is None:
            keys = self._words[word] = self.lexicon.gloss_words(word) & self.held
        return keys

    def needs_of(self, subject: str) -> Needs | None:
        """`needs`, worked out once for each subject."""
        if subject not in self._needs:
            self._needs[subject] = self.needs(subject)
        return self._needs[subject]

    def needs(self, subject: str) -> Needs | None:
        """For each character that needs the English side, the held keys that could account for it.

        None when some character none of them can (an empty subject too: `align` refuses it).  Every
        occurrence of a phrase counts, overlapping ones too (`_terms` and `_ignorable` find a subset).
        """
        if not subject:
            return None
        cover: list[list[frozenset[Key]]] = [[] for _ in subject]
        free: set[int] = set()
        at = subject.find("等")
        if 0 < at <= len(subject) - 3:  # `_examples` may account for the list before it
            free.update(range(at + 1))
        needs: list[frozenset[Key]] = []
        for start, char in enumerate(subject):
            for phrase, term in self.by_first.get(char, ()):
                if subject.startswith(phrase, start):
                    span = range(start, start + len(phrase))
                    if term is None:  # `_ignorable` may account for it
                        free.update(span)
                    elif term in self._terms:
                        for i in span:
                            cover[i].append(self._terms[term])
            # With no key held no word can cover a character, and the scan would load CC-CEDICT (0.3 s)
            # for a corpus without an English claim.
            for end in range(start + 1, min(start + SEGMENT_LONGEST, len(subject)) + 1) if self.held else ():
                word = subject[start:end]
                if not self.lexicon.starts_word(word):
                    break  # nor does any longer word from here
                keys = self._word(word)
                for i in range(start, end) if keys else ():
                    cover[i].append(keys)
            # No word or phrase starting further on covers this character: its keys are all known.
            if start not in free:
                need = _EMPTY.union(*cover[start])
                if not need:
                    return None
                needs.append(need)
        return tuple(dict.fromkeys(needs))


_EMPTY: frozenset[Key] = frozenset()


def satisfied(needs: Needs, keys: frozenset[Key]) -> bool:
    """Whether the claim's keys could account for every character that needs them."""
    return all(not need.isdisjoint(keys) for need in needs)


def _reach(lexicon: Lexicon, held: frozenset[Key]) -> Reach:
    """The lexicon's last Reach if it was for the same keys (a service's runs mostly are), else a new one."""
    last = lexicon.linking.get("reach")
    if not isinstance(last, Reach) or last.held != held:
        last = lexicon.linking["reach"] = Reach(lexicon, held)
    return last


class SubjectIndex:
    """Chinese subjects by the keys of one character each: a claim looks up only the keys it holds.

    Built for the English claims of one linking (`claims`: the keys of each), so it answers for
    them only; each subject is filed under the character whose keys the fewest claims hold.
    """

    def __init__(self, subjects: Sequence[str], claims: Iterable[frozenset[Key]], lexicon: Lexicon) -> None:
        held = Counter(key for keys in claims for key in keys)
        reach = _reach(lexicon, frozenset(held))
        self.needs: list[Needs] = []
        self.by_key: dict[Key, list[int]] = defaultdict(list)
        self.always: list[int] = []  # nothing needs the English side
        for i, subject in enumerate(subjects):
            needs = reach.needs_of(subject)
            self.needs.append(needs if needs is not None else (_EMPTY,))
            if needs is None:
                continue  # no claim of the linking can align with it: never looked up
            if not needs:
                self.always.append(i)
                continue
            for key in rarest(needs, held):
                self.by_key[key].append(i)

    def lookup(self, keys: frozenset[Key]) -> set[int]:
        """The subjects (by position) whose every character the keys could account for."""
        return _found(self.always, self.by_key, self.needs.__getitem__, keys)


def rarest(needs: Needs, held: Mapping[Key, int]) -> frozenset[Key]:
    """The character's keys the fewest claims hold (`held`: counts by key).

    Every character's keys are necessary: a subject filed under the rarest is looked up the fewest times.
    """
    return min(needs, key=lambda need: sum(held.get(k, 0) for k in need))


def _found(
    always: Iterable[int],
    by_key: Mapping[Key, Iterable[int]],
    needs: Callable[[int], Needs],
    keys: frozenset[Key],
) -> set[int]:
    """The subjects filed under the claim's keys (or under none) whose every character its keys account for."""
    found = set(always)
    for key in keys:
        found.update(by_key.get(key, ()))
    return {i for i in found if satisfied(needs(i), keys)}


class LiveIndex:
    """Chinese subjects that come and go over a process's runs, found as `SubjectIndex` finds them.

    Its needs are cut down to `held`, keys that English claims held when it was made: it answers
    for claims whose keys are all among them (a claim with another key needs a new index), as
    `SubjectIndex` does.  Each subject is filed under the character whose keys the fewest claims
    held when it came (`add`'s counts).
    """

    def __init__(self, lexicon: Lexicon, held: frozenset[Key]) -> None:
        self.held = held
        self.reach = _reach(lexicon, held)
        self.needs: dict[int, Needs] = {}
        self._filed: dict[int, frozenset[Key]] = {}  # the keys each subject is filed under
        self.by_key: dict[Key, set[int]] = defaultdict(set)
        self.always: set[int] = set()  # nothing needs the English side

    def add(self, i: int, subject: str, held: Mapping[Key, int]) -> None:
        needs = self.reach.needs_of(subject)
        if needs is None:
            return  # no English words can account for it: never looked up
        self.needs[i] = needs
        if not needs:
            self.always.add(i)
            self._filed[i] = _EMPTY
            return
        filed = self._filed[i] = rarest(needs, held)
        for key in filed:
            self.by_key[key].add(i)

    def remove(self, i: int) -> None:
        filed = self._filed.pop(i, None)
        if filed is None:
            return
        del self.needs[i]
        self.always.discard(i)
        for key in filed:
            held = self.by_key[key]
            held.discard(i)
            if not held:
                del self.by_key[key]

    def lookup(self, keys: frozenset[Key]) -> set[int]:
        """The subjects (by their number) whose every character the keys could account for."""
        return _found(self.always, self.by_key, self.needs.__getitem__, keys)
