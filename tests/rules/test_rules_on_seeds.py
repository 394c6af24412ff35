"""Issue 4's acceptance on the seeds, through the real CLI: the arithmetic holds as shipped, and each
change below gives the expected error pointing at the changed span, and no error elsewhere."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SEEDS, CliResult, replace_in, run_checker

S0, S2, S3 = "000_92f2ac85fe6324f8.txt", "002_ce81642fc312d168.txt", "003_8060aeeac87d0dc9.txt"
RULES = ROOT / "rules"


def _flat(text: str) -> str:
    return "".join(text.split())


def _report(cli: Callable[..., CliResult], corpus: Path) -> tuple[int, dict[str, Any]]:
    result = cli("check", corpus, "--store", "store.db", "--reports", "out", "--rules", RULES)
    assert result.code in (0, 1), result.stderr
    return result.code, json.loads((corpus.parent / "out" / "latest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, dict[str, Any]]:
    home = tmp_path_factory.mktemp("rules-seeds")
    result = run_checker("check", SEEDS, "--store", "s.db", "--reports", "out", "--rules", RULES, cwd=home)
    return result.code, json.loads((home / "out" / "latest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("rule", "needles"),
    [
        ("total", ["14个 + 5个 = 19"]),
        ("total", ["3×1个 + 2个 = 5"]),
        ("total", ["9 sections add up to 165"]),
        ("growth", ["20.82%"]),
        ("growth", ["8.65%"]),
        ("growth", ["3.35%"]),
        ("equivalence", ["6天", "144"]),
        ("count", ["9 items", "9家"]),
    ],
    ids=[
        "14+5=19",
        "1+1+1+2=5",
        "sections=165",
        "growth-20.82",
        "growth-8.65",
        "growth-3.35",
        "144h=6d",
        "9-companies",
    ],
)
def test_arithmetic_on_the_seeds_is_reported_as_checked(
    seeds: tuple[int, dict[str, Any]], rule: str, needles: list[str]
) -> None:
    code, report = seeds
    assert code == 0
    held = [f for f in report["findings"] if f["rule"] == rule and f["passed"]]
    assert any(all(n in f["message"] for n in needles) for f in held), [f["message"] for f in held]


def test_no_error_on_the_seeds(seeds: tuple[int, dict[str, Any]]) -> None:
    errors = [f for f in seeds[1]["findings"] if f["severity"] == "error" and not f["passed"]]
    assert errors == []


CHANGES = [
    ("section-count", S2, "共有25项重点任务", "共有28项重点任务", "total", "28项"),
    ("total-19-to-20", S0, "5个联盟共有19个", "5个联盟共有20个", "total", "20个"),
    ("growth-rate", S3, "年均增速20.82%", "年均增速18.82%", "growth", "18.82%"),
    ("equivalence", S0, "144小时（6天）", "144小时（5天）", "equivalence", "5天"),
    ("count", S0, "安徽应流\n\n机电集团有限公司、", "", "count", "9家"),
]


@pytest.mark.parametrize(
    ("path", "old", "new", "rule", "span"), [c[1:] for c in CHANGES], ids=[c[0] for c in CHANGES]
)
def test_a_changed_figure_gives_the_expected_error(
    cli: Callable[..., CliResult], seeds_copy: Path, path: str, old: str, new: str, rule: str, span: str
) -> None:
    replace_in(seeds_copy / path, old, new)
    code, report = _report(cli, seeds_copy)
    assert code == 1
    errors = [f for f in report["findings"] if f["severity"] == "error" and not f["passed"]]
    expected = [
        f
        for f in errors
        if f["rule"] == rule
        and any(Path(c["path"]).name == path and _flat(c["text"]).endswith(span) for c in f["claims"])
    ]
    assert len(expected) == 1, [(f["rule"], f["message"]) for f in errors]
    claim = next(c for c in expected[0]["claims"] if _flat(c["text"]).endswith(span))
    original = (seeds_copy / path).read_text(encoding="utf-8").split("\n")
    assert original[claim["line"] - 1][claim["column"] - 1 :].startswith(claim["text"].split("\n")[0])
    # Every error is about the change: none points only at untouched text.
    for f in errors:
        assert (
            any(Path(c["path"]).name == path and span in _flat(c["text"]) for c in f["claims"])
            or f is expected[0]
        ), f
