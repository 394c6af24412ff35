"""Issue 2's acceptance, end to end: the real CLI as a subprocess on copies of the seeds."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import BACKENDS, CliResult, replace_in

S0, S1, S2, S3, S4 = (
    "000_92f2ac85fe6324f8.txt",
    "001_9c34a97e38f5307b.txt",
    "002_ce81642fc312d168.txt",
    "003_8060aeeac87d0dc9.txt",
    "004_f49a1b1707afa39c.txt",
)


def _check(
    cli: Callable[..., CliResult], corpus: Path, store: str, *extra: str
) -> tuple[CliResult, dict[str, Any]]:
    result = cli("check", corpus, "--store", store, "--reports", "out", *extra)
    assert result.code in (0, 1), result.stderr
    report = json.loads((corpus.parent / "out" / "latest.json").read_text(encoding="utf-8"))
    return result, report


def _errors(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report["findings"] if f["severity"] == "error" and not f["passed"]]


def _group_with(
    report: dict[str, Any], value: float, docs: set[str], unit: str | None = None
) -> dict[str, Any]:
    for g in report["groups"]:
        if g["status"] != "corroborated":
            continue
        here = {
            Path(c["path"]).name
            for c in g["claims"]
            if c["value"] == value and (unit is None or c["unit"] == unit)
        }
        if docs <= {Path(c["path"]).name for c in g["claims"] if c["value"] == value} and here:
            return g
    corroborated = [
        (g["subject"], sorted({c["value"] for c in g["claims"]}))
        for g in report["groups"]
        if g["status"] == "corroborated"
    ]
    raise AssertionError(
        f"no corroborated group with {value} in {sorted(docs)}; corroborated: {corroborated}"
    )


@pytest.fixture(scope="module", params=BACKENDS)
def seeds_report(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[CliResult, dict[str, Any], Path]:
    from tests.conftest import SEEDS, run_checker

    home = tmp_path_factory.mktemp("seeds-run")
    store = "store.db" if request.param == "sqlite" else request.getfixturevalue("pg_server").new_database()
    result = run_checker("check", SEEDS, "--store", store, "--reports", "out", cwd=home)
    report = json.loads((home / "out" / "latest.json").read_text(encoding="utf-8"))
    return result, report, home


def test_check_seeds_exits_0_and_writes_reports(seeds_report: tuple[CliResult, dict[str, Any], Path]) -> None:
    result, report, home = seeds_report
    assert result.code == 0, result.stderr
    assert (home / "out" / "latest.md").read_text(encoding="utf-8").startswith("# checker report")
    assert len(list((home / "out" / "runs").glob("*.json"))) == 1
    assert len(list((home / "out" / "runs").glob("*.md"))) == 1
    assert report["summary"]["documents"] == 5
    assert report["summary"]["claims"] >= 150
    assert not _errors(report), _errors(report)


@pytest.mark.parametrize(
    ("value", "docs", "unit"),
    [
        (660, {S0, S3, S4}, "km"),
        (70000, {S0, S1, S3}, "count"),
        (600000, {S0, S1}, "count"),
        (320, {S2, S4}, "count"),
        (217, {S2, S4}, "count"),
        (90, {S2, S4}, "percent"),
        (165, {S2, S4}, "count"),
        (19, {S0, S3}, "count"),
        (267.57, {S0, S3}, None),
        (43, {S3, S4}, "count"),
    ],
    ids=["660km", "7万桩", "60万桩", "320项", "217项", "90%", "165项", "19联盟", "267.57分", "43项目"],
)
def test_corroborated_facts(
    seeds_report: tuple[CliResult, dict[str, Any], Path], value: float, docs: set[str], unit: str | None
) -> None:
    _group_with(seeds_report[1], value, docs, unit)


def test_traps_stay_apart(seeds_report: tuple[CliResult, dict[str, Any], Path]) -> None:
    report = seeds_report[1]
    for g in report["groups"]:
        values = {c["value"] for c in g["claims"]}
        measures = {c["measure"] for c in g["claims"]}
        if g["status"] in ("corroborated", "conflict", "disputed"):
            assert not ({14, 19} <= values), g  # 14 built earlier vs 19 in all
            assert not ({320, 217} & values and {165, 20, 25} & values), g
            assert not ({4000, 7100} <= values), g
            if 200 in values:
                assert len(measures) == 1, g  # 200个服务点位 vs 200项政务服务


def test_changed_figure_is_an_error_quoting_both(
    cli: Callable[..., CliResult], seeds_copy: Path, store_location: str
) -> None:
    replace_in(seeds_copy / S0, "660公里", "680公里")
    result, report = _check(cli, seeds_copy, store_location)
    assert result.code == 1
    errors = [f for f in _errors(report) if f["rule"] == "agree"]
    assert len(errors) == 1, errors
    quoted = {(Path(c["path"]).name, "".join(c["text"].split())) for c in errors[0]["claims"]}
    assert (S0, "680公里") in quoted
    # 003 states 660 km as done; 004 as what Zhejiang will do (将): a target never contradicts an outcome.
    assert {name for name, text in quoted if text == "660公里"} >= {S3}
    assert all(c["line"] >= 1 for c in errors[0]["claims"])
    assert "680" in errors[0]["message"] and "660" in errors[0]["message"]
    # Findings go to stdout, linter-style, at the odd one out: the report that differs.
    assert f"corpus/{S0}:17:12: CK101 [error]" in result.stdout and "680" in result.stdout


def test_nearly_against_at_least_is_an_error(
    cli: Callable[..., CliResult], seeds_copy: Path, store_location: str
) -> None:
    replace_in(seeds_copy / S3, "7万个以上", "近7万个")
    result, report = _check(cli, seeds_copy, store_location)
    assert result.code == 1
    errors = [f for f in _errors(report) if f["rule"] == "agree"]
    assert len(errors) == 1, errors
    texts = {"".join(c["text"].split()) for c in errors[0]["claims"]}
    assert any("近7万个" in t for t in texts)
    assert any("7万个以上" in t for t in texts)


def test_bad_files_are_named_and_the_rest_is_checked(
    cli: Callable[..., CliResult], seeds_copy: Path, store_location: str
) -> None:
    (seeds_copy / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "gbk.txt").write_bytes("长三角地区新增建成铁路里程660公里。".encode("gbk"))
    (seeds_copy / "invalid.txt").write_bytes("新建公共充电桩".encode() + b"\xff\xfe\x80 7\xe4\xb8")
    result, report = _check(cli, seeds_copy, store_location)
    assert result.code == 0, result.stderr  # decided by findings, and the seeds have no error
    lines = result.stderr.splitlines()
    for name, problem in [("binary.txt", "binary"), ("empty.txt", "empty"), ("invalid.txt", "invalid UTF-8")]:
        assert any(name in line and problem in line and line.startswith("error") for line in lines), (
            result.stderr
        )
    assert any("gbk.txt" in line and "GB18030" in line for line in lines), result.stderr
    by_name = {Path(d["path"]).name: d for d in report["documents"]}
    assert (
        by_name["binary.txt"]["errors"]
        and by_name["invalid.txt"]["errors"]
        and by_name["empty.txt"]["errors"]
    )
    assert by_name["gbk.txt"]["claims"] >= 1 and not by_name["gbk.txt"]["errors"]
    assert by_name[S0]["claims"] > 20
    _group_with(report, 660, {S0, S3, S4, "gbk.txt"}, "km")


def test_unchanged_files_are_not_extracted_again(
    cli: Callable[..., CliResult], seeds_copy: Path, store_location: str
) -> None:
    _check(cli, seeds_copy, store_location)
    (seeds_copy / S1).touch()
    replace_in(seeds_copy / S2, "视觉中国供图", "视觉中国 供图")
    _, report = _check(cli, seeds_copy, store_location)
    assert report["run"]["documents_read"] == 5
    assert report["run"]["documents_extracted"] == 1


def test_claims_jsonl(cli: Callable[..., CliResult], seeds_copy: Path) -> None:
    result = cli("claims", seeds_copy / S0, "--format", "jsonl")
    assert result.code == 0, result.stderr
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(claims) > 20
    original = (seeds_copy / S0).read_text(encoding="utf-8")
    lines = original.split("\n")
    for c in claims:
        assert {
            "path",
            "line",
            "column",
            "text",
            "value",
            "unit",
            "measure",
            "bound",
            "interval",
            "subject",
            "kind",
        } <= c.keys()
        assert {"lower", "upper", "precision", "exact"} <= c["interval"].keys()
        assert lines[c["line"] - 1][c["column"] - 1 :].startswith(c["text"].split("\n")[0])


def test_usage_error_exits_2(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    assert cli("check", tmp_path / "missing").code == 2
    assert cli("frobnicate").code == 2
    assert cli("--help").code == 0
