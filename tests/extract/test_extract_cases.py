"""The extraction case file: one test per case of tests/cases/extraction.yml (`pytest -k <id>`)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from checker.extract import extract_text
from checker.models import Claim

CASES_FILE = Path(__file__).resolve().parents[1] / "cases" / "extraction.yml"
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))

FLOAT_FIELDS = ("value", "lower", "upper")
INTERVAL_FIELDS = ("lower_closed", "upper_closed")
PLAIN_FIELDS = (
    "unit",
    "measure",
    "text",
    "kind",
    "subject",
    "year",
    "time_scope",
    "qualifiers",
)


def _check(claim: Claim, expected: dict[str, Any]) -> list[str]:
    problems = []
    for name in FLOAT_FIELDS:
        if name in expected:
            want, got = expected[name], getattr(claim.interval if name != "value" else claim, name)
            if want is None or got is None:
                ok = want is got
            else:
                ok = math.isclose(float(want), got, rel_tol=1e-6, abs_tol=1e-9)
            if not ok:
                problems.append(f"{name}: want {want!r}, got {got!r}")
    for name in INTERVAL_FIELDS:
        if name in expected and getattr(claim.interval, name) != expected[name]:
            problems.append(f"{name}: want {expected[name]!r}, got {getattr(claim.interval, name)!r}")
    for name in PLAIN_FIELDS:
        if name in expected and getattr(claim, name) != expected[name]:
            problems.append(f"{name}: want {expected[name]!r}, got {getattr(claim, name)!r}")
    if "bound" in expected and claim.bound.value != expected["bound"]:
        problems.append(f"bound: want {expected['bound']!r}, got {claim.bound.value!r}")
    if "modality" in expected and claim.modality.value != expected["modality"]:
        problems.append(f"modality: want {expected['modality']!r}, got {claim.modality.value!r}")
    if "subject_endswith" in expected and not claim.subject.endswith(expected["subject_endswith"]):
        problems.append(f"subject: want …{expected['subject_endswith']!r}, got {claim.subject!r}")
    return problems


def test_case_file_is_big_enough() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) >= 150
    assert len(set(ids)) == len(ids), "case ids must be unique"


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_extraction_case(case: dict[str, Any]) -> None:
    text = case["text"]
    claims = extract_text(text, "case.txt")
    found = [
        f"{c.text!r} {c.value:g} {c.unit}/{c.measure} {c.bound.value} subj={c.subject!r}" for c in claims
    ]
    assert len(claims) == len(case["claims"]), f"expected {len(case['claims'])} claims, found: {found}"
    for i, (claim, expected) in enumerate(zip(claims, case["claims"], strict=True)):
        assert claim.text == text[claim.offset : claim.end]
        problems = _check(claim, expected)
        assert not problems, f"claim {i} ({claim.text!r}): " + "; ".join(problems)
