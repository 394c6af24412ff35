"""Cross-language links kept from run to run: a change chooses again only for the English claims it reaches.

match/languages.py links each English claim to the Chinese fact it restates, choosing among the
Chinese facts whose subjects the claim's words could account for (match/subject_index.py).  A watch
service's run after one edit changes a handful of facts, yet linking chose again for every English
claim of the corpus: 0.12 s of each run at 10,000 documents, 3.6 s at 100,000.  `Linker` keeps the
Chinese facts indexed (`LiveChinese`) and each English claim's choice, and a run chooses again only for

* the English claims that are new (not the objects the last run linked), and
* those whose words could account for the subject of a Chinese fact that came or went: a fact whose
  claims changed is another object, so the old one went and the new one came,

because a claim's candidates are Chinese facts whose subjects its words account for, and its choice
follows from the claim and those facts alone.  Which choices stand, and the joined facts, are then
worked out from every choice as `link_languages` does; a test holds the two equal over random changes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from checker.match.bilingual import Lexicon
from checker.match.candidates import LiveChinese
from checker.match.grouping import Fact
from checker.match.languages import Choice, best_of, joined, languages_of, subject_words
from checker.match.subject_index import Key, english_keys, rarest, satisfied
from checker.models import Claim


class Linker:
    """One lexicon's linkings over a process's runs: the Chinese facts indexed, each English claim's choice."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.chinese = LiveChinese(lexicon, frozenset())
        # By the claim's id: the claim (held, so no other takes the id), its keys, its choice.
        self._claims: dict[int, tuple[Claim, frozenset[Key], Choice | None]] = {}
        self._held: Counter[Key] = Counter()  # how many English claims hold each key
        self._holders: dict[Key, set[int]] = {}  # the English claims (by id) that hold each key
        self._words: dict[int, tuple[Claim, bool]] = {}  # whether an English fact's claim has subject words

    def link(self, facts: Sequence[Fact]) -> list[Fact]:
        """`link_languages(facts, lexicon)`, choosing again only where the facts changed since the last call."""
        english, chinese = languages_of(facts)
        claims = self._worded(english)
        again = self._english(claims)
        reached = self._chinese(chinese)
        if len(again) < len(self._claims):  # a first linking chooses for every claim: none to look for
            again |= self._reaching(reached)
        self.chinese.turn()
        for i in again:
            claim, keys, _ = self._claims[i]
            self._claims[i] = (claim, keys, best_of(self.chinese.found([claim], keys)))
        if not english:
            return list(facts)
        chosen = {c.ident: choice for c in claims if (choice := self._claims[id(c)][2]) is not None}
        return joined(facts, english, claims, chosen, self.lexicon)

    def _chinese(self, facts: Sequence[Fact]) -> list[str]:
        """Index the Chinese facts that came, drop those that went; the subjects of both.

        The index answers for claims whose keys it was made for: a claim with a key none held then (a new
        word in an English report) needs a new one, made over every fact (its subjects' candidates are the
        same, so no other claim is chosen for again).
        """
        live = self.chinese.live
        now = {id(f): f for f in facts}
        went = [f for i, f in live.items() if now.get(i) is not f]
        came = [f for i, f in now.items() if live.get(i) is not f]
        if not self._held.keys() <= self.chinese.index.held:
            self.chinese = LiveChinese(self.lexicon, frozenset(self._held))
            for fact in facts:
                self.chinese.add(fact, self._held)
        else:
            for fact in went:
                self.chinese.remove(fact)
            for fact in came:
                self.chinese.add(fact, self._held)
        return [f.subject for f in [*went, *came]]

    def _worded(self, english: Sequence[Fact]) -> list[Claim]:
        """The English facts' claims with subject words (the ones a linking places), worked out once a claim."""
        words, self._words = self._words, {}
        out = []
        for claim in (c for f in english for c in f.claims):
            hit = words.get(id(claim))
            if hit is None or hit[0] is not claim:
                hit = (claim, bool(subject_words(claim, self.lexicon)))
            self._words[id(claim)] = hit
            if hit[1]:
                out.append(claim)
        return out

    def _english(self, claims: Sequence[Claim]) -> set[int]:
        """Take in this linking's English claims: those that are new (by id), to be chosen for."""
        now = {id(c): c for c in claims}
        for i, (claim, keys, _) in list(self._claims.items()):
            if now.get(i) is not claim:
                del self._claims[i]
                for key in keys:
                    self._held[key] -= 1
                    self._holders[key].discard(i)
                    if not self._held[key]:
                        del self._held[key], self._holders[key]
        new = {i for i, c in now.items() if i not in self._claims}
        for i in new:
            claim = now[i]
            keys = english_keys(claim.subject, claim.sentence, self.lexicon)
            self._claims[i] = (claim, keys, None)
            for key in keys:
                self._held[key] += 1
                self._holders.setdefault(key, set()).add(i)
        return new

    def _reaching(self, subjects: Iterable[str]) -> set[int]:
        """The English claims whose keys could account for one of these Chinese subjects."""
        out: set[int] = set()
        for subject in subjects:
            needs = self.chinese.index.reach.needs_of(subject)
            if needs is None:
                continue  # no English words can account for it: no claim had it or has it as a candidate
            if not needs:
                return set(self._claims)  # a candidate of every claim
            for key in rarest(needs, self._held):
                for i in self._holders.get(key, ()):
                    if i not in out and satisfied(needs, self._claims[i][1]):
                        out.add(i)
        return out
