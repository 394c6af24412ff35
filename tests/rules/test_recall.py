"""A judgement made of the very same objects is given back, not made again (rules/base.py `Recall`).

A change to one report in a component of many re-evaluates the component; the sums, restatements,
growth figures and facts of the other reports in it are made of the same objects as in the last
run, so their findings must come back as the same objects, and the report must still be the one a
fresh check gives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.corpus import Corpus
from checker.incremental import memo_for
from checker.rules.base import Recall
from tests.incremental.inc_kept import checker_of, findings_shape, fresh_shape


class Thing:
    """An object judged by identity; equal to every other Thing."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Thing)

    __hash__ = object.__hash__


def test_the_same_objects_give_back_the_judgement_made_of_them() -> None:
    a, b = Thing(), Thing()
    first = Recall()
    made = first("total", (a, b), lambda: ["judged"])
    calls: list[int] = []
    again = Recall(first.made)
    assert again("total", (a, b), lambda: calls.append(1) or ["again"]) is made
    assert calls == [], "nothing judged"
    assert again.made == first.made, "what was given back is kept for the next run too"


@pytest.mark.parametrize(
    ("rule", "swap"),
    [("total", 0), ("total", 1), ("agree", None)],
    ids=["first-object-new", "second-object-new", "other-rule"],
)
def test_any_other_object_or_rule_is_judged_again(rule: str, swap: int | None) -> None:
    a, b = Thing(), Thing()
    first = Recall()
    first("total", (a, b), lambda: "old")
    of = [a, b]
    if swap is not None:
        of[swap] = Thing()  # equal, but not the same object
    again = Recall(first.made)
    assert again(rule, tuple(of), lambda: "new") == "new"


def test_a_judgement_not_asked_for_is_not_kept() -> None:
    a, b = Thing(), Thing()
    first = Recall()
    first("total", (a,), lambda: "a")
    first("total", (b,), lambda: "b")
    again = Recall(first.made)
    again("total", (b,), lambda: "never")
    assert list(again.made.values()) == [((b,), "b")]


def test_an_edit_in_a_large_component_judges_again_only_what_it_changed(tmp_path: Path) -> None:
    corpus = Corpus(60)
    folder = tmp_path / "corpus"
    corpus.write(folder)
    service = checker_of(tmp_path, "service", carry=True)
    service.run([folder])
    memo = memo_for(service.store)
    # The bench's corpus: sums in many reports that share nouns, so one component holds them all.
    largest = max(memo.units.values(), key=lambda u: len(u.found.get("total", ())))
    before = {id(f) for found in largest.found.values() for f in found}
    edited = largest.found["total"][0].claims[0].path
    held = {id(c) for c in memo.documents[edited].claims}
    path = next(folder.rglob(Path(edited).name))
    text = path.read_text(encoding="utf-8")
    total = re.search(r"共有(\d+)个", text)
    assert total is not None
    path.write_text(text[: total.start(1)] + str(int(total[1]) + 1) + text[total.end(1) :], encoding="utf-8")

    after = service.run([folder], only=[path]).report
    new = {c.ident for c in memo.documents[edited].claims if id(c) not in held}
    assert new, "the sum's total at least is read again"
    judged = next(
        u
        for u in memo.units.values()
        for f in u.found.get("total", ())
        if any(c.ident in new for c in f.claims)
    )
    assert judged is not largest, "the component was evaluated again"
    changed = {f.key for facts in memo.facts.values() for f in facts if any(c.ident in new for c in f.claims)}
    found = [f for fs in judged.found.values() for f in fs]
    mine = [f for f in found if any(c.ident in new for c in f.claims) or f.fact in changed]
    others = [f for f in found if f not in mine]
    assert len(mine) > 0 and len(others) > 10
    assert all(id(f) not in before for f in mine), "what the edit reached is judged again"
    assert [f.message for f in others if id(f) not in before] == [], "the rest is given back as it was"

    assert findings_shape(after) == fresh_shape(tmp_path, folder)
    service.close()


def test_a_growth_judged_from_another_reports_start_follows_that_report(tmp_path: Path) -> None:
    """The growth sentence's report is unchanged; the report that gives its start year's figure moves."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("2018年成果共用指标为159.24分。\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "成果共用指标从2011年的100分提高到2023年的409.89分，2018年以来年均增速20.82%。\n", encoding="utf-8"
    )
    service = checker_of(tmp_path, "service", carry=True)
    first = [f.message for f in service.run([folder]).report.findings if f.rule == "growth"]
    assert any("a.txt:1): " in m for m in first), first
    (folder / "a.txt").write_text("成果共用指标。\n2018年成果共用指标为159.24分。\n", encoding="utf-8")
    after = service.run([folder], only=[folder / "a.txt"]).report
    assert any("a.txt:2): " in f.message for f in after.findings if f.rule == "growth")
    assert findings_shape(after) == fresh_shape(tmp_path, folder)
    service.close()
