"""Evaluation in units (checker/incremental.py) equals one evaluation of the whole corpus, and carries over.

The global evaluation here is the plain one: every claim grouped at once,
languages linked, every rule over the whole context (rules/engine.run_rules).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker.glossary import load_lexicon
from checker.incremental import Memo, evaluate_all, memo_for
from checker.loading import load
from checker.match import group_claims
from checker.match.groups import groups_of
from checker.match.languages import link_languages
from checker.models import Finding
from checker.pipeline import check
from checker.rules.base import Rule, RuleContext
from checker.rules.engine import run_rules
from checker.rules.loader import load_rules
from checker.store import open_store
from checker.store.sqlite import SQLiteStore
from tests.conftest import replace_in

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ROOT / "bench" / "data" / "crosslang"


def _shape(findings: list[Finding]) -> list[tuple[object, ...]]:
    return [
        (f.rule, f.fingerprint, f.severity, f.message, [(c.path, c.line, c.column) for c in f.claims],
         [r.fingerprint for r in f.related])
        for f in findings
    ]  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The seeds and the English reports that restate them (cross-language links span components)."""
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", folder)
    for path in sorted(ENGLISH.glob("en*.txt")):
        shutil.copy(path, folder / path.name)
    return folder


def _rules() -> list[Rule]:
    return load_rules([ROOT / "rules"]).rules


def _stored(folder: Path, store: SQLiteStore, rules: list[Rule], memo: bool = True) -> None:
    check(store, [folder], rules, include=["*.txt"], exclude=[], incremental=memo)


def test_units_equal_one_global_evaluation(corpus: Path, tmp_path: Path) -> None:
    rules = _rules()
    store = open_store(tmp_path / "s.db")
    _stored(corpus, store, rules)
    docs = {p: d for p, d in store.documents().items() if d.error is None}
    dates = {p: d.meta.date for p, d in docs.items()}
    claims, relations = store.claims(list(docs)), store.relations(list(docs))
    lexicon, _ = load_lexicon(rules)
    facts = link_languages(group_claims(claims, dates), lexicon)
    found, problems = run_rules(rules, RuleContext(claims, facts, relations, dates))
    assert any(len(f.languages) > 1 for f in facts), "the corpus must link across languages"
    memo = Memo()
    outcome = evaluate_all(
        memo, rules, load(memo, store, docs), dates, lambda fs: link_languages(fs, lexicon)
    )
    assert _shape(outcome.findings) == _shape(found)
    assert outcome.problems == problems
    assert [g.model_dump() for g in outcome.groups] == [g.model_dump() for g in groups_of(facts)]
    assert memo.evaluated > 10


def test_one_edit_evaluates_only_its_units_and_equals_a_fresh_check(corpus: Path, tmp_path: Path) -> None:
    rules = _rules()
    store = open_store(tmp_path / "s.db")
    _stored(corpus, store, rules)
    seed = sorted(corpus.glob("0*.txt"))[0]
    replace_in(seed, "660", "680")
    report, _ = check(store, [corpus], rules, include=["*.txt"], exclude=[])
    memo = memo_for(store)
    # Every unit that holds a claim of the edited report is evaluated again (31 of 112 here), no other.
    assert 0 < memo.evaluated < len(memo.units) // 2, (memo.evaluated, len(memo.units))
    fresh, _ = check(open_store(tmp_path / "fresh.db"), [corpus], rules, include=["*.txt"], exclude=[])
    assert _shape(report.findings) == _shape(fresh.findings)
    assert any("680" in f.message for f in report.findings if not f.passed)
    assert [g.model_dump() for g in report.groups] == [g.model_dump() for g in fresh.groups]
