"""Timelines: what every report said about one subject, and for when; the service's points carried over."""

from __future__ import annotations

import random

from checker.extract import extract_text
from checker.match.grouping import group_claims
from checker.match.timeline import Lines, timelines
from checker.models import Claim, PartialDate

TEXTS = {
    "a.txt": "2023年，全市新增建成铁路里程660公里。",
    "b.txt": "2023年全市新增建成铁路里程680公里。",
    "c.txt": "2024年全市新增建成铁路里程700公里。",
}


def _claims(texts: dict[str, str]) -> list[Claim]:
    return [c for path, text in texts.items() for c in extract_text(text, path)]


def test_a_subject_two_documents_state_has_one_timeline_in_period_order() -> None:
    claims = _claims(TEXTS)
    [line] = timelines(group_claims(claims), {})
    assert line.documents == 3
    assert [(p.value, p.path) for p in line.points] == [(660, "a.txt"), (680, "b.txt"), (700, "c.txt")]


def _points(lines: Lines) -> dict[int, object]:
    return {i: p for kept in lines.kept.values() for i, (_, _, p) in kept.points.items()}


def test_points_carried_over_are_what_a_fresh_run_makes() -> None:
    claims = _claims(TEXTS)
    dates: dict[str, PartialDate | None] = {"a.txt": PartialDate(year=2024, month=1)}
    lines = Lines()
    first = timelines(group_claims(claims), dates, lines)
    kept = _points(lines)
    assert len(kept) == 3
    # The same claims again, one document with a new date and one read again (new claim objects).
    dates["b.txt"] = PartialDate(year=2024, month=2)
    again = [c for c in claims if c.path != "c.txt"] + _claims({"c.txt": TEXTS["c.txt"]})
    second = timelines(group_claims(again), dates, lines)
    assert second == timelines(group_claims(again), dates)
    assert second != first  # b.txt's date shows
    reused = [p for i, p in _points(lines).items() if kept.get(i) is p]
    assert [p.path for p in reused] == ["a.txt"]  # type: ignore[attr-defined]
    assert len(_points(lines)) == 3  # this run's points only: nothing of earlier runs piles up


def test_a_timeline_of_the_same_claims_and_dates_is_carried_over_and_no_other() -> None:
    claims = _claims(TEXTS)
    dates: dict[str, PartialDate | None] = {"a.txt": PartialDate(year=2024, month=1)}
    lines = Lines()
    [first] = timelines(group_claims(claims), dates, lines)
    [same] = timelines(group_claims(claims), dates, lines)  # facts grouped again: the same claims
    assert same is first
    facts = group_claims(claims)
    assert timelines(facts, dates, lines)[0] is first
    [entry] = lines.kept.values()
    assert timelines(facts, dates, lines)[0] is first
    assert next(iter(lines.kept.values())) is entry, (
        "the same facts: the entry itself is carried, no claim walked"
    )
    dates["b.txt"] = PartialDate(year=2024, month=2)
    [dated] = timelines(facts, dates, lines)  # the same fact objects, a date changed
    assert dated is not first and dated == timelines(group_claims(claims), dates)[0]
    again = [c for c in claims if c.path != "c.txt"] + _claims({"c.txt": TEXTS["c.txt"]})
    [read_again] = timelines(group_claims(again), dates, lines)
    assert read_again is not dated and read_again == timelines(group_claims(again), dates)[0]
    assert len(lines.kept) == 1


def test_a_subject_one_document_states_has_no_timeline_and_gets_one_when_a_second_does() -> None:
    claims = _claims({"a.txt": TEXTS["a.txt"]})
    lines = Lines()
    assert timelines(group_claims(claims), {}, lines) == []
    assert len(lines.kept) == 1, "known as stated once, so the next run need not walk it"
    both = claims + _claims({"b.txt": TEXTS["b.txt"]})
    assert timelines(group_claims(both), {}, lines) == timelines(group_claims(both), {}) != []


def test_run_after_run_the_kept_timelines_are_what_a_fresh_run_makes() -> None:
    """Facts gone, back, made anew from fewer claims, dates changed: only the subjects touched are made again."""
    from bench.linking import synthetic_claims

    every = group_claims(synthetic_claims(150) + _claims(TEXTS))
    paths = sorted({c.path for f in every for c in f.claims})
    rng = random.Random(11)
    dates: dict[str, PartialDate | None] = {p: PartialDate(year=2024) for p in paths[::3]}
    facts = sorted(rng.sample(every, k=len(every) * 3 // 4), key=lambda f: f.key)
    lines = Lines()
    made = 0
    for step in range(40):
        mine = timelines(facts, dates, lines)
        assert mine == timelines(facts, dates) and len(mine) >= 5
        made += len(mine)
        # Only this run's subjects are kept: nothing of earlier runs piles up.
        assert set(lines.kept) == {
            (f.subject, f.unit, f.measure, f.qualifiers) for f in facts if f.specific and f.subject
        }
        kept = {f.key: f for f in facts}
        for fact in rng.sample(facts, k=rng.randint(0, 5)):
            del kept[fact.key]
        for fact in rng.sample(every, k=rng.randint(0, 5)):
            kept.setdefault(fact.key, fact)
        for fact in rng.sample(list(kept.values()), k=rng.randint(0, 3)):
            if len(fact.claims) > 1:
                kept[fact.key] = fact.model_copy(update={"claims": fact.claims[1:]})
        if step % 7 == 3:
            dates = {**dates, rng.choice(paths): PartialDate(year=2020 + step)}
        facts = sorted(kept.values(), key=lambda f: f.key)
    assert made >= 200


def test_subjects_stated_as_often_keep_the_order_of_their_facts_whatever_came_back() -> None:
    ties = {
        f"t{n}.txt": f"2023年全市新增建成铁路里程{600 + n}公里，新增建成铁路里程{n}条。" for n in range(3)
    }
    facts = group_claims(_claims(ties))
    km = [f for f in facts if f.unit == "km"]
    lines = Lines()
    first = timelines(facts, {}, lines)
    assert [t.unit for t in first] == ["count", "km"] or [t.unit for t in first] == ["km", "count"]
    timelines([f for f in facts if f not in km], {}, lines)  # the km subject goes, then comes back
    assert timelines(facts, {}, lines) == first == timelines(facts, {})
