"""Issue 15: what linter users expect of the CLI, through the real CLI on a copy of the seeds."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, SEEDS, CliResult, replace_in

S0 = "000_92f2ac85fe6324f8.txt"
CONCISE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>CK\d{3}) \[(?P<sev>\w+)\] (?P<msg>.+)$"
)


@pytest.fixture
def changed(seeds_copy: Path) -> Path:
    replace_in(seeds_copy / S0, "660公里", "680公里")
    return seeds_copy


def _check(cli: Callable[..., CliResult], corpus: Path, *extra: str) -> CliResult:
    return cli("check", corpus, "--store", "s.db", "--reports", "out", "--rules", ROOT / "rules", *extra)


def test_concise_is_one_line_per_finding_at_the_odd_one_out(
    cli: Callable[..., CliResult], changed: Path
) -> None:
    result = _check(cli, changed, "--output-format", "concise", "--select", "CK101")
    assert result.code == 1
    (line,) = result.stdout.splitlines()
    m = CONCISE.match(line)
    assert m and m["path"] == f"corpus/{S0}" and (m["line"], m["col"]) == ("17", "12"), line
    assert m["code"] == "CK101" and m["sev"] == "error" and "680公里" in m["msg"]


def test_full_shows_evidence_fingerprint_and_fact_sheet_source(
    cli: Callable[..., CliResult], changed: Path
) -> None:
    result = _check(cli, changed)
    report = json.loads((changed.parent / "out" / "latest.json").read_text(encoding="utf-8"))
    (finding,) = [f for f in report["findings"] if not f["passed"]]
    assert finding["code"] == "CK401"
    assert f"= fingerprint {finding['fingerprint']}: checker accept {finding['fingerprint']}" in result.stdout
    assert "= fact sheet: " in result.stdout and "facts/2024-practical-projects.yml" in result.stdout
    assert "source: 长三角区域合作办公室" in result.stdout
    assert f"= odd one out: corpus/{S0} is the odd one out (680公里)" in result.stdout
    assert "= also CK101 consistency.agree" in result.stdout
    # Piped output is never cut: the whole path and message are there, and the summary is one line.
    assert f"corpus/{S0}:17:12: CK401 [error]" in result.stdout and "…" not in result.stderr
    assert "checker: 5 documents" in result.stderr


def test_exit_zero_quiet_and_statistics(cli: Callable[..., CliResult], changed: Path) -> None:
    zero = _check(cli, changed, "--exit-zero", "-q", "--output-format", "concise")
    assert zero.code == 0 and zero.stderr == "" and len(zero.stdout.splitlines()) == 1
    stats = _check(cli, changed, "--statistics", "-q")
    assert stats.code == 1
    assert [line.split("\t") for line in stats.stdout.splitlines()] == [
        ["    1", "CK401", "[error] reference.factsheet"]
    ]


@pytest.mark.parametrize("fmt", ["github", "gitlab", "jsonl", "markdown", "html", "sarif", "junit", "json"])
def test_every_output_format(cli: Callable[..., CliResult], changed: Path, fmt: str, tmp_path: Path) -> None:
    result = _check(cli, changed, "--output-format", fmt, "-o", "out.txt")
    assert result.code == 1 and result.stdout == ""
    text = (tmp_path / "out.txt").read_text(encoding="utf-8")
    if fmt == "github":
        assert text.startswith(f"::error file=corpus/{S0},line=17,col=12,title=CK401 reference.factsheet::")
    elif fmt == "gitlab":
        (issue,) = json.loads(text)
        assert issue["check_name"] == "CK401" and issue["location"] == {
            "path": f"corpus/{S0}",
            "lines": {"begin": 17},
        }
        assert issue["severity"] == "major" and len(issue["fingerprint"]) == 16
    elif fmt == "jsonl":
        (row,) = [json.loads(line) for line in text.splitlines()]
        assert (row["path"], row["line"], row["code"]) == (f"corpus/{S0}", 17, "CK401")
    elif fmt == "markdown":
        assert text.startswith("# checker report")
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>") and "odd one out" in text
    else:
        assert "CK401" in text or "reference" in text


def test_stdin_with_a_filename(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    import subprocess
    import sys

    text = "数据显示，长三角地区新增建成铁路里程680公里，杭温铁路建成通车。\n"
    done = subprocess.run(
        [sys.executable, "-m", "checker", "check", "-", "--stdin-filename", "notes/today.txt",
         "--rules", str(ROOT / "rules"), "--output-format", "concise", "-q"],
        input=text, capture_output=True, text=True, cwd=tmp_path, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("notes/today.txt:1:") and "CK401 [error]" in done.stdout
    assert not (tmp_path / "reports").exists() and not (tmp_path / ".checker").exists()


@pytest.mark.parametrize(
    ("flag", "value", "hint"),
    [
        ("--select", "agre", "did you mean 'agree'"),
        ("--ignore", "CK999", ""),
        ("--severity", "arithmatic=warning", "did you mean 'arithmetic'"),
    ],
)
def test_unknown_rule_names_are_usage_errors(
    cli: Callable[..., CliResult], seeds_copy: Path, flag: str, value: str, hint: str
) -> None:
    result = _check(cli, seeds_copy, flag, value)
    assert result.code == 2
    name = value.split("=", maxsplit=1)[0]
    assert f"error: {flag}: unknown rule '{name}'" in result.stderr and hint in result.stderr
    assert not (seeds_copy.parent / "out").exists()


def test_select_by_code_prefix_name_group_and_kind(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    listed = {}
    for name in ("CK2", "arithmetic", "arithmetic.total", "total", "consistency"):
        result = cli("rules", "list", "--format", "json", "--select", name, "--rules", ROOT / "rules")
        assert result.code == 0, result.stderr
        listed[name] = sorted(r["code"] for r in json.loads(result.stdout))
    assert listed == {
        "CK2": ["CK201", "CK202", "CK203"],
        "arithmetic": ["CK201", "CK202"],
        "arithmetic.total": ["CK201"],
        "total": ["CK201"],
        "consistency": ["CK101", "CK102"],
    }
    rows = json.loads(cli("rules", "list", "--format", "json", "--rules", ROOT / "rules").stdout)
    agree = next(r for r in rows if r["id"] == "agree")
    assert (agree["code"], agree["name"], agree["groups"]) == (
        "CK101",
        "consistency.agree",
        ["all", "consistency"],
    )
    table = cli("rules", "list", "--rules", ROOT / "rules").stdout
    assert "CK401" in table and "reference.factsheet" in table


def test_timeline_command(cli: Callable[..., CliResult], changed: Path) -> None:
    _check(cli, changed, "-q")
    table = cli("timeline", "铁路", "--store", "s.db")
    assert table.code == 0, table.stderr
    assert (
        "新增建成铁路里程" in table.stdout and f"corpus/{S0}:17" in table.stdout and "680公里" in table.stdout
    )
    as_json = cli("timeline", "充电桩", "--store", "s.db", "--output-format", "json")
    subjects = [t["subject"] for t in as_json.json()]
    assert "新建公共充电桩" in subjects and all("充电桩" in s for s in subjects)
    point = as_json.json()[0]["points"][0]
    assert {"value", "period", "modality", "path", "line", "date"} <= set(point)
    # Without a store, the reports folder's latest.json answers.
    from_json = cli("timeline", "铁路", "--store", "none.db", "--reports", "out", "--output-format", "json")
    assert from_json.code == 0 and from_json.json()[0]["subject"] == "新增建成铁路里程"
    missing = cli("timeline", "铁路x", "--store", "s.db")
    assert missing.code == 2 and "similar: 新增建成铁路里程" in missing.stderr


def test_pre_commit_hooks_run_as_declared(tmp_path: Path, changed: Path) -> None:
    import shlex
    import subprocess
    import sys

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"checker", "checker-all"}
    hook = by_id["checker"]
    assert re.search(hook["files"], f"corpus/{S0}") and not re.search(hook["files"], "a.py")
    # pre-commit runs `entry args files` in the repository; the entry is the console script.
    argv = [sys.executable, "-m", "checker", *shlex.split(hook["entry"])[1:], "--rules", str(ROOT / "rules")]
    files = [f"corpus/{p.name}" for p in sorted(changed.glob("*.txt"))]
    done = subprocess.run(
        [*argv, *files], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 1 and CONCISE.match(done.stdout.splitlines()[0]), done.stdout + done.stderr
    assert not (tmp_path / "reports").exists()
    assert SEEDS.is_dir()
