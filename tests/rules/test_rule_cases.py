"""Every rule kind's case file (tests/cases/rules/<kind>.yml), run by one parametrized test.

A case is a mini-corpus (documents as strings, claims marked ``[[...]]``, see
minicorpus.py), an optional rule config, and the findings expected: exactly
those, no more.  `pytest -k total` runs the cases of one kind.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.match import group_claims
from checker.models import Finding, PartialDate
from checker.rules.base import Rule, RuleContext
from checker.rules.engine import run_rules
from checker.rules.loader import config_adapter
from checker.rules.registry import BUILTIN, load_registry
from tests.rules.minicorpus import build

CASES = Path(__file__).resolve().parent.parent / "cases" / "rules"


def _load() -> list[Any]:
    params = []
    for path in sorted(CASES.glob("*.yml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in spec["cases"]:
            params.append(
                pytest.param(spec["kind"], spec.get("config", {}), case, id=f"{spec['kind']}-{case['name']}")
            )
    return params


def make_rule(kind: str, config: dict[str, Any], tmp_path: Path, sheets: dict[str, Any] | None) -> Rule:
    registry = load_registry()
    assert kind in registry.kinds, f"kind {kind} did not load: {registry.problems}"
    adapter = config_adapter(registry)
    rule = registry.kinds[kind](adapter.validate_python({"id": kind, "kind": kind, **config}))
    if sheets:
        for name, sheet in sheets.items():
            target = tmp_path / "facts" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(yaml.safe_dump(sheet, allow_unicode=True), encoding="utf-8")
    problems = rule.prepare([tmp_path])
    assert not problems, [str(p) for p in problems]
    return rule


def _date(text: str) -> PartialDate:
    """A document date of a case ("2007-03-05", "2007")."""
    parts = [int(p) for p in text.split("-")]
    return PartialDate(
        year=parts[0], month=parts[1] if len(parts) > 1 else None, day=parts[2] if len(parts) > 2 else None
    )


def _norm(text: str) -> str:
    return "".join(text.split())


def _matches(finding: Finding, want: dict[str, Any]) -> bool:
    passed = bool(want.get("passed", False))
    severity = want.get("severity", "info" if passed else "error")
    if finding.passed != passed or finding.severity.value != severity:
        return False
    texts = Counter(_norm(c.text) for c in finding.claims)
    if "claims" in want and texts != Counter(_norm(t) for t in want["claims"]):
        return False
    if any(texts[_norm(t)] == 0 for t in want.get("includes", [])):
        return False
    roles = {(_norm(c.text), c.role) for c in finding.claims}
    if any((_norm(t), r) not in roles for t, r in (want.get("roles") or {}).items()):
        return False
    messages = want.get("message", [])
    return all(m in finding.message for m in ([messages] if isinstance(messages, str) else messages))


def _describe(findings: list[Finding]) -> str:
    return "\n".join(
        f"  {'PASS' if f.passed else f.severity.value}: {f.message} "
        f"[{', '.join(f'{_norm(c.text)}({c.role})' for c in f.claims)}]"
        for f in findings
    )


@pytest.mark.parametrize(("kind", "config", "case"), _load())
def test_rule_case(kind: str, config: dict[str, Any], case: dict[str, Any], tmp_path: Path) -> None:
    rule = make_rule(kind, {**config, **case.get("config", {})}, tmp_path, case.get("facts"))
    texts, claims, relations = build(case["docs"])
    dates = {path: _date(str(d)) for path, d in (case.get("dates") or {}).items()}
    ctx = RuleContext(claims=claims, facts=group_claims(claims, dates), relations=relations, dates=dates)
    findings, problems = run_rules([rule], ctx)
    assert not problems
    expected = list(case.get("expect") or [])
    unmatched = list(findings)
    for want in expected:
        hit = next((f for f in unmatched if _matches(f, want)), None)
        assert hit is not None, f"expected {want}\nbut the findings were:\n{_describe(findings)}"
        unmatched.remove(hit)
    assert not unmatched, f"unexpected findings:\n{_describe(unmatched)}"
    for f in findings:
        assert f.fingerprint and f.fact and f.rule == kind
        assert all(c.path in texts and c.line >= 1 for c in f.claims)


def _spec(kind: str) -> dict[str, Any]:
    return yaml.safe_load((CASES / f"{kind}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", sorted(BUILTIN))
def test_every_kind_has_a_full_case_file(kind: str) -> None:
    assert (CASES / f"{kind}.yml").is_file(), f"write tests/cases/rules/{kind}.yml"
    cases = _spec(kind)["cases"]
    failing = [c for c in cases if any(not e.get("passed", False) for e in c.get("expect") or [])]
    passing = [c for c in cases if c not in failing]
    assert len(passing) >= 3 and len(failing) >= 3, (len(passing), len(failing))
    assert {c.get("lang") for c in cases} >= {"zh", "en"}, "each kind needs a Chinese and an English case"
    assert len({c["name"] for c in cases}) == len(cases), "case names must be unique"
