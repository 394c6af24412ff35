"""Cross-language facts on extracted text: which English claims join which Chinese facts, and why."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.extract import extract_text
from checker.glossary import load_glossary, load_lexicon
from checker.match import assess, group_claims
from checker.match.bilingual import Lexicon, Term, load_cedict, parse_senses, stem
from checker.match.grouping import Fact
from checker.match.languages import claim_language, link_languages
from checker.models import Claim
from checker.rules.loader import load_rules

ROOT = Path(__file__).resolve().parents[2]
ZH = (
    "长三角地区新增建成铁路里程660公里。长三角地区新建公共充电桩7万个以上，累计公共充电桩达到60万个以上。"
    "依托社会保障卡，实现3000家以上文旅场馆一卡通用。"
)
ZH2 = "长三角地区新增建成铁路里程660公里，新建公共充电桩超7万个。"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    lex, errors = load_lexicon(load_rules([ROOT / "rules"]).rules)
    assert errors == []
    return lex


def _facts(lexicon: Lexicon, **texts: str) -> list[Fact]:
    claims = [c for name, text in texts.items() for c in extract_text(text, f"{name}.txt")]
    return link_languages(group_claims(claims), lexicon)


def _fact_of(facts: list[Fact], path: str, value: float) -> Fact:
    return next(f for f in facts if any(c.path == path and c.value == value for c in f.claims))


def test_a_conflicting_english_figure_joins_the_chinese_fact(lexicon: Lexicon) -> None:
    facts = _facts(lexicon, zh=ZH, zh2=ZH2, en="The region has added 680 kilometers of new railway lines.")
    fact = _fact_of(facts, "en.txt", 680)
    assert fact.subject == "新增建成铁路里程"
    assert fact.languages == ("en", "zh")
    assert any("new railway" in pair for pair in fact.linked_on)
    result = assess(fact)
    assert result.status == "conflict"
    assert {c.value for camp in result.camps for c in camp} == {660, 680}


def test_bounds_and_magnitudes_agree_across_languages(lexicon: Lexicon) -> None:
    en = (
        "It will install over 70,000 new public charging piles, "
        "bringing the total number of public charging piles to 600,000."
    )
    facts = _facts(lexicon, zh=ZH, zh2=ZH2, en=en)
    new = _fact_of(facts, "en.txt", 70000)
    total = _fact_of(facts, "en.txt", 600000)
    assert new.subject == "新建公共充电桩" and total.subject == "累计公共充电桩"
    # "600,000" against 60万个以上: the qualifier dropped, not a conflict.
    assert assess(new).status == "corroborated"
    assert assess(total).status == "corroborated"


def test_a_shared_number_is_not_a_shared_fact(lexicon: Lexicon) -> None:
    en = "Museums in Suzhou welcomed 3,000 school groups, and 660 outdoor film screenings are planned."
    facts = _facts(lexicon, zh=ZH, en=en)
    for value in (3000, 660):
        fact = _fact_of(facts, "en.txt", value)
        assert fact.languages in ((), ("en",)), fact.linked_on
        assert all(claim_language(c) == "en" for c in fact.claims)


def test_an_english_modifier_the_chinese_lacks_refuses_the_link(lexicon: Lexicon) -> None:
    # "public charging piles" with no word for 新建 or 累计 could be either: it joins neither.
    facts = _facts(lexicon, zh=ZH, en="The region has 80,000 public charging piles.")
    assert _fact_of(facts, "en.txt", 80000).languages in ((), ("en",))


@pytest.mark.parametrize(("year", "joined"), [("2023", False), ("2024", True)])
def test_different_years_are_different_facts(lexicon: Lexicon, year: str, joined: bool) -> None:
    zh = f"{year}年长三角地区新增建成铁路里程660公里。"
    facts = _facts(lexicon, zh=zh, en="In 2024, 680 km of new railway will be added.")
    assert (_fact_of(facts, "en.txt", 680).languages == ("en", "zh")) is joined


@pytest.mark.parametrize(("measure", "joined"), [("个", True), ("项", False)])
def test_measure_words_must_fit(measure: str, joined: bool) -> None:
    # The glossary counts service points with 个: "200项" of them is some other thing.
    lex = Lexicon(terms=[Term.of(["service points"], ["服务点位"], ["个"])])
    claims = extract_text(f"服务点位200{measure}以上。", "zh.txt") + extract_text(
        "It will open 200 service points in all.", "en.txt"
    )
    fact = _fact_of(link_languages(group_claims(claims), lex), "en.txt", 200)
    assert (fact.languages == ("en", "zh")) is joined


def test_without_english_claims_the_dictionary_is_never_loaded() -> None:
    def refuse() -> dict[str, object]:
        raise AssertionError("CC-CEDICT loaded for a Chinese-only corpus")

    lex = Lexicon(loader=refuse)  # type: ignore[arg-type]
    claims = extract_text(ZH, "zh.txt")
    assert len(link_languages(group_claims(claims), lex)) == len(group_claims(claims))


def test_cedict_glosses_and_classifiers() -> None:
    gloss = load_cedict()["任务"]
    assert "task" in gloss.words and "项" in gloss.classifiers
    assert parse_senses(["classifier for principles, items, tasks"]).counts >= {"task", "item"}
    assert stem("alliances") == stem("alliance") and stem("charging") == stem("charge")


def test_a_broken_glossary_is_one_error_with_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "rules"
    (folder / "facts" / "glossary").mkdir(parents=True)
    (folder / "agree.yml").write_text("id: agree\nkind: agree\n", encoding="utf-8")
    (folder / "facts" / "glossary" / "mine.yml").write_text(
        "terms:\n  - en: [charging piles]\n    zh: [充电桩]\n  - en: [充电站]\n    zh: [充电站]\n",
        encoding="utf-8",
    )
    lexicon, errors = load_lexicon(load_rules([folder]).rules)
    assert len(errors) == 1
    assert errors[0].path.endswith("mine.yml") and errors[0].line == 4
    assert "put Chinese phrases under zh" in errors[0].message
    assert lexicon.terms == [] or all("mine.yml" not in t.source for t in lexicon.terms)


def test_the_shipped_glossary_is_valid() -> None:
    glossary = load_glossary(ROOT / "rules" / "facts" / "glossary" / "domain.yml")
    assert any("充电桩" in t.zh for t in glossary.terms)


ROUNDS = "第一轮三年行动计划320项重点任务、第二轮三年行动计划217项重点任务，完成率均在90%以上。"


def test_each_english_claim_joins_its_own_fact(lexicon: Lexicon) -> None:
    # One report, one subject, two figures: the clause that says "first round" picks 第一轮's fact,
    # and a figure no fact of its words states joins nothing rather than the wrong one.
    en = "The plan lists 165 key tasks. The first round covered 320 key tasks."
    facts = _facts(lexicon, zh=ROUNDS, en=en)
    first = _fact_of(facts, "en.txt", 320)
    assert first.languages == ("en", "zh") and first.qualifiers == ("第一轮",)
    assert assess(first).status == "corroborated"
    assert _fact_of(facts, "en.txt", 165).languages in ((), ("en",))


def test_an_of_phrase_said_by_the_chinese_sentence(lexicon: Lexicon) -> None:
    en = "The completion rate of the key tasks in the previous rounds was above 90 percent."
    fact = _fact_of(_facts(lexicon, zh=ROUNDS, en=en), "en.txt", 90)
    assert fact.subject == "完成率" and fact.languages == ("en", "zh")
    assert any("重点任务 said in the sentence" in pair for pair in fact.linked_on)


def test_an_of_phrase_the_chinese_does_not_say_refuses_the_link(lexicon: Lexicon) -> None:
    en = "The completion rate of the housing projects was above 90 percent."
    fact = _fact_of(_facts(lexicon, zh=ROUNDS, en=en), "en.txt", 90)
    assert fact.languages in ((), ("en",)), fact.linked_on


def test_examples_before_deng_may_stay_unmatched(lexicon: Lexicon) -> None:
    zh = "米面油肉蛋奶等重点食品合格率保持在99%以上。"
    en = "The pass rate of staple foods is expected to remain above 99 percent."
    fact = _fact_of(_facts(lexicon, zh=zh, en=en), "en.txt", 99)
    assert fact.languages == ("en", "zh")
    assert any("(examples) left unmatched" in pair for pair in fact.linked_on)


def test_irregular_verbs_say_their_chinese_verb(lexicon: Lexicon) -> None:
    # 建成 is "to build": "will be built" says it, so 建成和美乡村 is the beautiful villages built.
    assert stem("built") == stem("build") and stem("grew") == stem("grow")
    zh = "长三角地区建成和美乡村（美丽乡村）6000个以上，推介一批。"
    en = "More than 6,000 beautiful villages will be built."
    fact = _fact_of(_facts(lexicon, zh=zh, en=en), "en.txt", 6000)
    assert fact.languages == ("en", "zh")


def test_a_linking_again_judges_only_the_pairs_it_has_not_judged(monkeypatch: pytest.MonkeyPatch) -> None:
    """The watch service links every run: a pair of the same claim and fact objects is not judged again."""
    import checker.match.candidates as candidates

    lexicon, _ = load_lexicon(load_rules([ROOT / "rules"]).rules)
    judged: list[tuple[str, str]] = []
    real = candidates.judge

    def counting(part: list[Claim], side: candidates.Side, lex: Lexicon) -> candidates.Candidate | None:
        judged.append((part[0].ident, side.fact.key))
        return real(part, side, lex)

    monkeypatch.setattr(candidates, "judge", counting)
    en = "The region has added 680 kilometers of new railway lines and over 70,000 new public charging piles."
    claims = [c for name, text in {"zh": ZH, "en": en}.items() for c in extract_text(text, f"{name}.txt")]
    facts = group_claims(claims)
    first = link_languages(facts, lexicon)
    assert judged, "the English claims were held against Chinese facts"
    judged.clear()
    assert link_languages(facts, lexicon) == first
    assert judged == []
    # One Chinese fact read again (another object, one more claim): its pairs are judged again, only them.
    more = [*claims, *extract_text(ZH2, "zh2.txt")]
    again = group_claims(more)
    kept = {f.key: f for f in facts}
    carried = [kept[f.key] if f.key in kept and f.claims == kept[f.key].claims else f for f in again]
    judged.clear()
    linked = link_languages(carried, lexicon)
    fresh, _ = load_lexicon(load_rules([ROOT / "rules"]).rules)
    assert linked == link_languages(again, fresh)
    assert judged and all(key not in kept or kept[key] not in carried for _, key in judged)
