"""A process's linkings (match/linker.py) give what linking from nothing gives, run after run.

The linker keeps the Chinese facts indexed and each English claim's choice, and chooses again only for
the claims a change reaches.  Each step below changes the facts as a run after an edit does (facts
gone, come back, made anew from fewer claims; English facts too; the rest the same objects) and holds
the linker's result against `link_languages` over the same facts with a lexicon of its own.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from bench.crosslang import _claims as crosslang_claims
from bench.linking import cedict_only, rules_lexicon, synthetic_claims
from checker.match import group_claims
from checker.match.bilingual import Lexicon
from checker.match.candidates import LiveChinese
from checker.match.grouping import Fact
from checker.match.languages import link_languages
from checker.match.linker import Linker
from checker.models import Claim

Shape = tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _shape(facts: list[Fact]) -> list[Shape]:
    return [(f.key, f.subject, tuple(c.ident for c in f.claims), f.languages, f.linked_on) for f in facts]


def _facts() -> list[Fact]:
    claims: list[Claim] = synthetic_claims(200) + crosslang_claims()
    return group_claims(claims)


FACTS = _facts()


def _step(rng: random.Random, now: list[Fact]) -> list[Fact]:
    """The facts of the next run: a few gone, a few back, a few made anew with one claim fewer."""
    kept = {f.key: f for f in now}
    for fact in rng.sample(now, k=min(len(now), rng.randint(0, 4))):
        del kept[fact.key]
    for fact in rng.sample(FACTS, k=rng.randint(0, 4)):
        kept.setdefault(fact.key, fact)
    for fact in rng.sample(list(kept.values()), k=min(len(kept), rng.randint(0, 4))):
        if len(fact.claims) > 1:
            kept[fact.key] = fact.model_copy(update={"claims": fact.claims[1:]})
    return sorted(kept.values(), key=lambda f: f.key)


@pytest.mark.parametrize("make", [rules_lexicon, cedict_only], ids=["glossary", "cedict-only"])
def test_run_after_run_the_linker_links_as_linking_from_nothing(
    make: Callable[[], Lexicon], monkeypatch: pytest.MonkeyPatch
) -> None:
    indexes: list[frozenset[str | int]] = []
    start = LiveChinese.__init__

    def made(self: LiveChinese, lexicon: Lexicon, held: frozenset[str | int]) -> None:
        indexes.append(held)
        start(self, lexicon, held)

    monkeypatch.setattr(LiveChinese, "__init__", made)
    rng = random.Random(7)
    linker, reference = Linker(make()), make()
    facts = sorted(rng.sample(FACTS, k=len(FACTS) * 3 // 4), key=lambda f: f.key)
    linked = 0
    for _ in range(40):
        mine, theirs = linker.link(facts), link_languages(facts, reference)
        assert _shape(mine) == _shape(theirs)
        assert [f.model_dump() for f in mine] == [f.model_dump() for f in theirs]
        linked += sum(f.languages == ("en", "zh") for f in mine)
        facts = _step(rng, facts)
    assert linked >= 40  # the steps kept facts that link: the comparison is not of empty linkings
    # English claims with words no claim held before came back: the index was made anew, and held.
    assert len(indexes) >= 3
    assert linker.link([]) == [] and not linker.chinese.live  # every fact gone: nothing is held


def test_a_run_chooses_again_only_for_the_claims_a_change_reaches(monkeypatch: pytest.MonkeyPatch) -> None:
    chosen: list[Claim] = []
    found = LiveChinese.found

    def counted(self: LiveChinese, part: list[Claim], keys: frozenset[str | int]) -> object:
        chosen.extend(part)
        return found(self, part, keys)

    monkeypatch.setattr(LiveChinese, "found", counted)
    linker = Linker(rules_lexicon())
    linker.link(FACTS)
    every = len(chosen)
    assert every >= 100
    chosen.clear()
    assert _shape(linker.link(FACTS)) == _shape(link_languages(FACTS, rules_lexicon()))
    assert chosen == []  # the same facts: no claim chosen for again
    # A linked Chinese fact made anew: the English claims that could join it are chosen for again, few of all.
    target = next(f for f in linker.link(FACTS) if f.languages == ("en", "zh"))
    original = next(f for f in FACTS if f.key == target.key)
    again = [f if f is not original else original.model_copy() for f in FACTS]
    chosen.clear()
    assert _shape(linker.link(again)) == _shape(link_languages(again, rules_lexicon()))
    assert 1 <= len(chosen) < every / 4
    assert any(c.ident in {e.ident for e in target.claims} for c in chosen)
