"""Outputs the user names (-o a FIFO, a device, -), report sets as a whole, and hostile rule files."""

from __future__ import annotations

import itertools
import json
import os
import threading
from pathlib import Path

from faultkit import Run

BOMB_LEVELS = "abcdefghi"


def _bomb() -> str:
    """A few hundred bytes that expand to 9**9 strings through nested aliases."""
    text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for prev, name in itertools.pairwise(BOMB_LEVELS):
        text += f"{name}: &{name} [{','.join(['*' + prev] * 9)}]\n"
    return text


def test_output_to_a_fifo_is_written_into_it(tmp_path: Path, corpus: Path, run: Run) -> None:
    assert run("check", "corpus").returncode in (0, 1)
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run("report", "--format", "json", "-o", fifo, "--store", "state/checker.db", timeout=60)
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert json.loads(got[0])["summary"]["documents"] == 3
    assert fifo.is_fifo()  # still a pipe, not replaced by a regular file

    dash = run("report", "--format", "json", "-o", "-", "--store", "state/checker.db")
    assert json.loads(dash.stdout)["summary"]["documents"] == 3
    assert run("report", "-o", "/dev/null", "--store", "state/checker.db").returncode == 0
    assert Path("/dev/null").is_char_device()
    if Path("/dev/full").exists():
        full = run("report", "-o", "/dev/full", "--store", "state/checker.db")
        assert full.returncode == 2 and "cannot write /dev/full: No space left on device" in full.stderr
        assert Path("/dev/full").is_char_device()


def test_report_set_is_one_run_and_switched_at_once(tmp_path: Path, corpus: Path, run: Run) -> None:
    assert run("check", "corpus").returncode in (0, 1)
    (corpus / "new.txt").write_text("长三角地区新增建成铁路里程661公里。\n", encoding="utf-8")
    assert run("check", "corpus").returncode in (0, 1)
    reports = tmp_path / "reports"
    current = reports / ".latest"
    # Read as a reader who wants one run: open the set folder once, then its files.
    folder = os.open(current, os.O_RDONLY | os.O_DIRECTORY)
    try:
        run_id = json.loads(os.read(os.open("latest.json", os.O_RDONLY, dir_fd=folder), 1 << 24))["run"]["id"]
        md = os.read(os.open("latest.md", os.O_RDONLY, dir_fd=folder), 1 << 24).decode()
    finally:
        os.close(folder)
    assert run_id == 2 and "new.txt" in md
    # The files at their usual paths are that set, and the copy of the run has the same bytes.
    assert json.loads((reports / "latest.json").read_text(encoding="utf-8"))["run"]["id"] == 2
    stamp = os.readlink(current).removeprefix(".latest-").rsplit(".", 1)[0]
    assert (reports / "runs" / f"{stamp}.md").read_text(encoding="utf-8") == md
    assert len(list(reports.glob(".latest-*"))) == 2  # the current set and the one before


def test_yaml_bomb_is_refused_quickly_and_the_other_rules_run(tmp_path: Path, corpus: Path, run: Run) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "bomb.yml").write_text(_bomb(), encoding="utf-8")
    assert len(_bomb()) < 600
    result = run("rules", "validate", "--rules", "rules", timeout=60)
    assert result.returncode == 2
    assert "rules/bomb.yml:" in result.stderr and "through anchors and aliases" in result.stderr
    checked = run("check", "corpus", "--rules", "rules", timeout=60)
    assert checked.returncode in (0, 1) and checked.stderr.count("through anchors and aliases") == 1

    (rules / "bomb.yml").write_text("x: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    deep = run("rules", "validate", "--rules", "rules", timeout=60)
    assert deep.returncode == 2 and "rules/bomb.yml" in deep.stderr

    (rules / "bomb.yml").write_text("# big\n" + "#" * 2_000_000 + "\n", encoding="utf-8")
    big = run("rules", "validate", "--rules", "rules", timeout=60)
    assert big.returncode == 2 and "too large" in big.stderr


def test_formula_that_never_evaluates_is_a_rule_error_reported_once(
    tmp_path: Path, corpus: Path, run: Run
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "growth.yml").write_text(
        'id: growth\nkind: growth\nannual_formula: "(end - start) / (start - start)"\n', encoding="utf-8"
    )
    result = run("check", "corpus", "--rules", "rules")
    assert result.stderr.count("cannot be evaluated") == 1, result.stderr
    assert "rules/growth.yml:3" in result.stderr
    report = json.loads((tmp_path / "reports" / "latest.json").read_text(encoding="utf-8"))
    assert any("cannot be evaluated" in e["message"] for e in report["errors"])


def test_fact_sheet_glob_absolute_or_empty_is_a_rule_error(tmp_path: Path, corpus: Path, run: Run) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    for glob in ("/etc/*.yml", ""):
        (rules / "reference.yml").write_text(
            f'id: reference\nkind: reference\nfacts: ["{glob}"]\n', encoding="utf-8"
        )
        result = run("check", "corpus", "--rules", "rules")
        assert result.returncode in (0, 1), result.stderr
        assert result.stderr.count("rule 'reference' cannot load its data") == 1
