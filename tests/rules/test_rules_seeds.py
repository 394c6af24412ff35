"""Issue 4's acceptance on the seeds: the real CLI as a subprocess, a private copy, a real SQLite store.

1. The arithmetic in the seeds checks out and is reported as checked (passed findings), exit 0.
2. One figure changed in a copy gives exactly one new error finding of the right rule,
   quoting the changed claim (path, line, text), and no other error.
4. A broken rule file is named (file, line, key, fix) and everything else is still checked.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, CliResult

S0, S2, S3 = "000_92f2ac85fe6324f8.txt", "002_ce81642fc312d168.txt", "003_8060aeeac87d0dc9.txt"
RULES = ROOT / "rules"


def check(
    cli: Callable[..., CliResult], corpus: Path, *extra: str | Path
) -> tuple[CliResult, dict[str, Any]]:
    result = cli("check", corpus, "--store", "store.db", "--reports", "out", *extra)
    assert result.code in (0, 1), result.stderr
    report = json.loads((corpus.parent / "out" / "latest.json").read_text(encoding="utf-8"))
    return result, report


def errors(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["severity"] == "error" and not f["passed"]]


def texts(finding: dict[str, Any]) -> set[str]:
    return {"".join(c["text"].split()) for c in finding["claims"]}


def passed(report: dict[str, Any], rule: str, *claims: str, doc: str | None = None) -> dict[str, Any]:
    """The passed finding of `rule` whose claims include all of `claims` (in `doc`, if given)."""
    for f in report["findings"]:
        docs = {Path(c["path"]).name for c in f["claims"]}
        if f["rule"] == rule and f["passed"] and set(claims) <= texts(f) and (doc is None or docs == {doc}):
            return f
    checked = [(f["rule"], sorted(texts(f))) for f in report["findings"] if f["passed"] and f["rule"] == rule]
    raise AssertionError(f"no passed {rule} finding with {claims}; {rule} checked: {checked}")


@pytest.fixture(scope="module", params=["built-in defaults", "shipped rules/"])
def seeds_run(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[CliResult, dict[str, Any]]:
    from tests.conftest import SEEDS, run_checker

    home = tmp_path_factory.mktemp("rules-seeds")
    extra = ["--rules", str(RULES)] if request.param == "shipped rules/" else []
    result = run_checker("check", SEEDS, "--store", "store.db", "--reports", "out", *extra, cwd=home)
    return result, json.loads((home / "out" / "latest.json").read_text(encoding="utf-8"))


def test_seeds_arithmetic_checks_out_and_is_reported(seeds_run: tuple[CliResult, dict[str, Any]]) -> None:
    result, report = seeds_run
    assert result.code == 0, result.stderr
    assert not errors(report), errors(report)
    assert "14个 + 5个 = 19" in passed(report, "total", "14个", "5个", "19个")["message"]
    assert "3×1个 + 2个 = 5" in passed(report, "total", "1个", "2个", "5个")["message"]
    sections = passed(
        report, "total", "20项", "25项", "23项", "22项", "17项", "10项", "15项", "13项", "165项"
    )
    assert "9 sections add up to 165" in sections["message"]
    assert "9 numbered sections" in passed(report, "total", "九个")["message"]
    rates = [
        ("159.24分", "409.89分", "20.82%"),
        ("197.51分", "299.08分", "8.65%"),
        ("182.70分", "215.41分", "3.35%"),
    ]
    for start, end, rate in rates:
        assert "a year, as stated" in passed(report, "growth", start, end, rate, doc=S3)["message"]
    assert "= 20.82% a year" in passed(report, "growth", "159.24分", "409.89分", "20.82%", doc=S0)["message"]
    assert "6天 = 144 hours" in passed(report, "equivalence", "6天")["message"]
    assert "The list names 9 items" in passed(report, "count", "9家")["message"]
    assert not [f for f in report["findings"] if f["rule"] == "growth" and "9.26%" in texts(f)], (
        "9.26% has no stated 2018 figure: nothing may be judged"
    )


def test_the_fact_sheet_checks_the_ten_projects(
    seeds_run: tuple[CliResult, dict[str, Any]], request: pytest.FixtureRequest
) -> None:
    _, report = seeds_run
    checked = [f for f in report["findings"] if f["rule"] == "reference"]
    if request.node.callspec.params["seeds_run"] == "built-in defaults":
        assert not checked, "without a rules/ folder there is no fact sheet to check against"
        return
    assert all(f["passed"] for f in checked)
    facts = {f["fact"].split("#")[1] for f in checked}
    assert len(facts) >= 16, sorted(facts)


MUTATIONS = [
    pytest.param(S2, "共有25项", "共有28项", "total", "28项", id="section-count-25-to-28"),
    pytest.param(S0, "联盟共有19个", "联盟共有20个", "total", "20个", id="sum-19-to-20"),
    pytest.param(S0, "长三角共有19个", "长三角共有20个", "total", "20个", id="restated-total-19-to-20"),
    pytest.param(S0, "20.82%", "18.82%", "growth", "18.82%", id="growth-000-20.82-to-18.82"),
    pytest.param(S3, "20.82%", "18.82%", "growth", "18.82%", id="growth-003-20.82-to-18.82"),
    pytest.param(S0, "（6天）", "（5天）", "equivalence", "5天", id="hours-in-days-6-to-5"),
    pytest.param(S0, "安徽中天石化股份有限公司、", "", "count", "9家", id="company-removed"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "old", "new", "rule", "claim"), MUTATIONS)
def test_one_change_gives_exactly_one_error_at_the_changed_span(
    cli: Callable[..., CliResult], seeds_copy: Path, name: str, old: str, new: str, rule: str, claim: str
) -> None:
    first, before = check(cli, seeds_copy, "--rules", RULES)
    assert first.code == 0 and not errors(before), errors(before)
    path = seeds_copy / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not unique in {name}"
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # The claim the finding must quote: the changed figure, or (a name removed) the count after the list.
    changed = path.read_text(encoding="utf-8")
    line = changed.count("\n", 0, changed.index(claim, at)) + 1

    result, report = check(cli, seeds_copy, "--rules", RULES)
    assert result.code == 1, result.stderr
    found = errors(report)
    assert len(found) == 1, [(f["rule"], f["message"]) for f in found]
    # One mistake, one finding: no other open finding appears (another rule's view is related evidence).
    before_open = {f["fingerprint"] for f in before["findings"] if not f["passed"]}
    appeared = [f for f in report["findings"] if not f["passed"] and f["fingerprint"] not in before_open]
    assert len(appeared) == 1, [(f["rule"], f["severity"], f["message"]) for f in appeared]
    (error,) = found
    assert error["rule"] == rule and error["status"] == "new", error
    quoted = {(Path(c["path"]).name, c["line"], "".join(c["text"].split())) for c in error["claims"]}
    assert (name, line, claim) in quoted, (line, quoted)
    assert error["fingerprint"] and error["message"].endswith(".")


@pytest.mark.slow
def test_a_broken_rule_file_is_named_and_everything_else_is_checked(
    cli: Callable[..., CliResult], seeds_copy: Path, tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    total = rules / "total.yml"
    lines = total.read_text(encoding="utf-8").splitlines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("tolerance:"))
    lines[at] = lines[at].replace("tolerance:", "tolerence:")
    total.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (rules / "kind.yml").write_text("id: mine\nkind: totall\n", encoding="utf-8")
    (rules / "type.yml").write_text("id: typed\nkind: growth\ntolerance: lots\n", encoding="utf-8")
    (rules / "yaml.yml").write_text("id: bad\nkind: [count\n", encoding="utf-8")

    result, report = check(cli, seeds_copy, "--rules", "rules")
    assert result.code == 0, result.stderr  # decided by the findings, and the seeds hold
    stderr = result.stderr
    assert f"rules/total.yml:{at + 1}: key 'tolerence': unknown key; did you mean 'tolerance'?" in stderr
    assert "rules/kind.yml:2: key 'kind': unknown kind 'totall'; did you mean 'total'?" in stderr
    assert "rules/type.yml:3: key 'tolerance': expected a number, got 'lots'" in stderr
    assert "rules/yaml.yml:3: invalid YAML" in stderr
    ran = {f["rule"] for f in report["findings"]}
    assert {"count", "growth", "equivalence", "reference", "agree"} <= ran, ran
    assert "total" not in ran, "the broken file's rule does not run, not even with its defaults"
    assert cli("rules", "validate", "--rules", "rules").code == 2


def test_a_broken_rule_file_is_in_the_report(
    cli: Callable[..., CliResult], seeds_copy: Path, tmp_path: Path
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "total.yml").write_text("id: total\nkind: total\ntolerence: 0.1\n", encoding="utf-8")
    _, report = check(cli, seeds_copy, "--rules", "rules")
    problems = [e for e in report["errors"] if e["path"].endswith("rules/total.yml")]
    assert problems and "tolerence" in problems[0]["message"], report["errors"]


@pytest.mark.slow
def test_fingerprints_name_the_fact_not_its_value_or_line(
    cli: Callable[..., CliResult], seeds_copy: Path
) -> None:
    def sections(report: dict[str, Any]) -> dict[str, Any]:
        return next(
            f for f in report["findings"] if f["rule"] == "total" and "sections add up" in f["message"]
        )

    _, before = check(cli, seeds_copy)
    path = seeds_copy / S2
    text = path.read_text(encoding="utf-8")
    path.write_text("\n\n" + text.replace("共有25项", "共有28项", 1), encoding="utf-8")
    _, after = check(cli, seeds_copy)
    old, new = sections(before), sections(after)
    assert old["passed"] and not new["passed"]
    assert old["fingerprint"] == new["fingerprint"]
    assert {(c["line"], c["text"]) for c in new["claims"]} != {(c["line"], c["text"]) for c in old["claims"]}


@pytest.mark.slow
def test_one_changed_figure_seen_by_two_rules_is_one_finding_with_related_evidence(
    cli: Callable[..., CliResult], seeds_copy: Path
) -> None:
    path = seeds_copy / S0
    path.write_text(path.read_text(encoding="utf-8").replace("660公里", "680公里", 1), encoding="utf-8")
    result, report = check(cli, seeds_copy, "--rules", RULES)
    assert result.code == 1
    open_findings = [f for f in report["findings"] if not f["passed"]]
    assert len(open_findings) == 1, [(f["rule"], f["message"]) for f in open_findings]
    (finding,) = open_findings
    # The fact sheet is the most specific judge; the reports' disagreement is its related evidence.
    assert finding["code"] == "CK401" and finding["name"] == "reference.factsheet"
    assert [r["code"] for r in finding["related"]] == ["CK101"]
    assert "660" in finding["related"][0]["message"] and "680" in finding["related"][0]["message"]


def test_an_unrelated_paragraph_above_changes_no_fingerprint(
    cli: Callable[..., CliResult], seeds_copy: Path
) -> None:
    _, before = check(cli, seeds_copy, "--rules", RULES)
    for name in (S0, S2):
        path = seeds_copy / name
        text = path.read_text(encoding="utf-8")
        path.write_text("编者按：本报今日刊发长三角一体化系列报道。\n\n" + text, encoding="utf-8")
    _, after = check(cli, seeds_copy, "--rules", RULES)
    assert {f["fingerprint"] for f in after["findings"]} == {f["fingerprint"] for f in before["findings"]}
    moved = {(c["path"], c["line"]) for f in after["findings"] for c in f["claims"]}
    assert moved != {(c["path"], c["line"]) for f in before["findings"] for c in f["claims"]}
    assert all(f["code"] and f["name"] for f in after["findings"])
