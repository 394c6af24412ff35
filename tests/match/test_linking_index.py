"""The candidate index of match/candidates.py links exactly as judging every Chinese fact does.

The reference (bench/linking.py's `exhaustive`) is the loop linking used
before the index: every English claim held against every Chinese fact whose
unit and time fit.  Both run over real and synthetic corpora and must give
the same facts, claim for claim, and the same word pairs.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.crosslang import _claims as crosslang_claims
from bench.linking import cedict_only, exhaustive, rules_lexicon, synthetic_claims
from checker.extract import extract
from checker.match import group_claims
from checker.match.align import _spans, align
from checker.match.bilingual import Gloss, Lexicon, Term, stem
from checker.match.candidates import Side
from checker.match.grouping import Fact
from checker.match.languages import fact_languages, link_languages, subject_words
from checker.match.subject_index import Reach, SubjectIndex, english_keys
from checker.models import Claim
from checker.sources import read_document
from tests.conftest import SHARED

GOV = SHARED / "corpora" / "gov-work-reports"


Shape = tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _shape(facts: list[Fact]) -> list[Shape]:
    return [(f.key, f.subject, tuple(c.ident for c in f.claims), f.languages, f.linked_on) for f in facts]


def _same_links(claims: list[Claim], make: Callable[[], Lexicon]) -> int:
    """Link both ways (each with a fresh lexicon, so no alignment is shared); the number of links made."""
    facts = group_claims(claims)
    assert len({f.key for f in facts}) == len(facts), "ranks are ordered by fact key: keys must be unique"
    indexed = link_languages(facts, make())
    reference = link_languages(facts, make(), exhaustive)
    assert _shape(indexed) == _shape(reference)
    assert [f.model_dump() for f in indexed] == [f.model_dump() for f in reference]  # and all the rest
    return sum(f.languages == ("en", "zh") for f in indexed)


def _gov_claims() -> list[Claim]:
    if not GOV.is_dir():
        pytest.skip("../shared/corpora is not beside the repo")
    return [c for p in sorted(GOV.glob("*.txt")) for c in extract(read_document(p, p.name)).claims]


def test_the_labelled_set_links_as_before() -> None:
    assert _same_links(crosslang_claims(), rules_lexicon) >= 20


def test_the_seeds_and_thirty_years_of_work_reports_link_as_before() -> None:
    claims = crosslang_claims() + _gov_claims()
    assert _same_links(claims, rules_lexicon) >= 20
    assert _same_links(claims, cedict_only) >= 1


@pytest.mark.parametrize("make", [rules_lexicon, cedict_only], ids=["glossary", "cedict-only"])
def test_a_synthetic_corpus_links_as_before(make: Callable[[], Lexicon]) -> None:
    # The English reports of the labelled set give the synthetic Chinese facts claims that do link.
    _same_links(synthetic_claims(300) + crosslang_claims(), make)


def test_every_pair_that_aligns_is_looked_up() -> None:
    """Stronger than equal links: no Chinese fact an English claim aligns with is left out of the lookup."""
    lexicon = rules_lexicon()
    facts = group_claims(crosslang_claims())
    chinese = [f for f in facts if fact_languages(f) == ("zh",)]
    english = [
        c for f in facts if fact_languages(f) == ("en",) for c in f.claims if subject_words(c, lexicon)
    ]
    keys = [english_keys(c.subject, c.sentence, lexicon) for c in english]
    index = SubjectIndex([f.subject for f in chinese], keys, lexicon)
    aligned = looked_up = 0
    for claim, held in zip(english, keys, strict=True):
        found = index.lookup(held)
        looked_up += len(found)
        for i, side in enumerate(Side.of(f) for f in chinese):
            theirs = side.fact.subject, side.fact.measure
            if align(
                claim.subject, theirs[0], lexicon, claim.sentence, theirs[1], chinese_sentence=side.sentences
            ):
                aligned += 1
                assert i in found, (claim.subject, theirs[0])
    assert aligned >= 40
    # And the index does its job: most pairs are never aligned.
    assert looked_up < len(english) * len(chinese) / 4


def _toy() -> Lexicon:
    glosses = {
        "新": Gloss(frozenset({"new"}), frozenset()),
        "建": Gloss(frozenset({"build"}), frozenset()),
        "新建": Gloss(frozenset({"new", "build", "construction"}), frozenset()),
    }
    return Lexicon(
        terms=[Term.of(["charging piles"], ["充电桩"])], ignore_chinese=("长三角",), loader=lambda: glosses
    )


def test_a_subject_needs_each_character_accounted_for() -> None:
    lexicon = _toy()
    piles = english_keys("charging piles", "", lexicon)
    new_piles = english_keys("new charging piles", "It will build new charging piles.", lexicon)
    assert 0 in piles and {"new", "build"} <= new_piles
    # 长三角 may go unmatched; 充电桩 needs the term (index 0); 新 and 建 a stem of their glosses.
    needs = Reach(lexicon, piles | new_piles).needs("长三角新建充电桩")
    assert needs is not None and set(needs) == {frozenset({0}), frozenset({"new", "build"})}
    subjects = ["长三角新建充电桩", "新建", "长三角", "公共充电桩", ""]
    index = SubjectIndex(subjects, [piles, new_piles], lexicon)
    assert index.always == [2]
    # 公共 has no gloss: no claim can account for it; an empty subject never aligns.
    assert index.lookup(new_piles) == {0, 1, 2}
    assert index.lookup(piles) == {2}
    # Nor does a subject a character of which no claim of the linking can account for.
    assert Reach(lexicon, piles).needs("新建充电桩") is None


def test_with_no_english_key_held_the_dictionary_is_not_read() -> None:
    """A corpus without an English claim (a one-document check of a Chinese report) never loads CC-CEDICT."""
    read: list[int] = []

    def loader() -> dict[str, Gloss]:
        read.append(1)
        return {"新建": Gloss(frozenset({"new", "build"}), frozenset())}

    lexicon = Lexicon(
        terms=[Term.of(["charging piles"], ["充电桩"])], ignore_chinese=("长三角",), loader=loader
    )
    reach = Reach(lexicon, frozenset())
    # Only a subject every character of which may go unmatched needs nothing; no other can align.
    assert reach.needs("长三角") == ()
    assert [reach.needs(s) for s in ("新建充电桩", "充电桩", "长三角新建", "")] == [None] * 4
    assert not read
    # The same answers as with the dictionary read: with no key held its words cover nothing.
    full = _toy()
    full.starts_word("新")
    reach = Reach(full, frozenset())
    assert [reach.needs(s) for s in ("长三角", "新建充电桩", "长三角新建")] == [(), None, None]


def _toy_wide() -> Lexicon:
    def gloss(*words: str) -> Gloss:
        return Gloss(frozenset(stem(w) for w in words), frozenset())

    glosses = {
        "新": gloss("new"),
        "建": gloss("build"),
        "新建": gloss("new", "build"),
        "累计": gloss("total", "accumulate"),
        "公共": gloss("public"),
        "电": gloss("electric"),
        "站": gloss("station"),
        "任务": gloss("task"),
        "重点": gloss("key"),
    }
    terms = [Term.of(["charging piles"], ["充电桩"]), Term.of(["key tasks"], ["重点任务"])]
    return Lexicon(
        terms=terms, ignore_chinese=("长三角",), ignore_english=frozenset({"region"}), loader=lambda: glosses
    )


# Chinese words with English that may say them (or not: 等, 长三角 and the bare 电 need no word).
_PAIRS = [
    ("新建", "new"), ("新", "new"), ("建", "built"), ("累计", "total"), ("公共", "public"), ("充电桩", "charging piles"),
    ("站", "stations"), ("长三角", "region"), ("长三角", ""), ("等", ""), ("重点任务", "key tasks"), ("任务", "tasks"),
    ("重点", "key"), ("电", "electric"), ("电", ""), ("桩", "piles"),
]  # fmt: skip
_EN = [
    "new",
    "total",
    "public",
    "charging",
    "piles",
    "the",
    "number",
    "of",
    "key",
    "tasks",
    "region",
    "stations",
]


@settings(max_examples=500, deadline=None)
@given(
    pairs=st.lists(st.sampled_from(_PAIRS), min_size=1, max_size=4),
    extra=st.lists(st.sampled_from(_EN), max_size=2),
    sentence=st.lists(st.sampled_from(_EN), max_size=6),
    zh_sentence=st.lists(st.sampled_from(_PAIRS), max_size=3),
)
def test_whatever_aligns_is_looked_up(
    pairs: list[tuple[str, str]], extra: list[str], sentence: list[str], zh_sentence: list[tuple[str, str]]
) -> None:
    """Every way `align` accounts for a character (terms, glosses, ignorable words, examples, the
    English sentence) is one the index allows for: a pair that aligns is always looked up."""
    lexicon = _toy_wide()
    zh = "".join(z for z, _ in pairs)
    subject = " ".join([*extra, *(e for _, e in pairs)]).strip()
    said = " ".join([subject, *sentence])
    theirs = "".join(z for z, _ in zh_sentence)
    keys = english_keys(subject, said, lexicon)
    found = SubjectIndex([zh], [keys], lexicon).lookup(keys)
    if align(subject, zh, lexicon, said, None, chinese_sentence=theirs) is not None:
        assert found == {0}


@given(text=st.text(alphabet="ab充电桩.*", max_size=12), phrase=st.text(alphabet="ab充电桩.*", max_size=3))
def test_phrase_spans_are_those_a_regular_expression_finds(text: str, phrase: str) -> None:
    # align._spans left re.finditer for str.find; the glossary's phrases must be found where they were.
    assert _spans(text, phrase) == [m.start() for m in re.finditer(re.escape(phrase), text)]
