"""A check over a corpus nothing changed in: the last run's report stands (checker/standing.py).

Through the real CLI on a copy of the seeds with one figure changed (so there
are error findings to print and an exit status of 1 to keep).  Standing means:
no run recorded, the same output byte for byte in every format, the same exit
status, a note saying so.  Anything the report follows from that changes makes
a real run again.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from checker import kept
from checker.store import open_store
from tests.conftest import ROOT, CliResult, replace_in

S0 = "000_92f2ac85fe6324f8.txt"
STOOD = "nothing changed since run"


@pytest.fixture
def changed(seeds_copy: Path) -> Path:
    replace_in(seeds_copy / S0, "660公里", "680公里")
    return seeds_copy


@pytest.fixture
def rules(tmp_path: Path) -> Path:
    """A private copy of the shipped rules folder, to change at will."""
    target = tmp_path / "rules"
    for f in (ROOT / "rules").rglob("*"):
        if f.is_file():
            (target / f.relative_to(ROOT / "rules")).parent.mkdir(parents=True, exist_ok=True)
            (target / f.relative_to(ROOT / "rules")).write_bytes(f.read_bytes())
    return target


def _check(cli: Callable[..., CliResult], corpus: Path, rules: Path, *extra: str) -> CliResult:
    return cli("check", corpus, "--store", "s.db", "--reports", "out", "--rules", rules, *extra)


def _last_run(tmp_path: Path) -> int:
    store = open_store(tmp_path / "s.db")
    try:
        last = store.last_run(["corpus"])
        assert last is not None
        return last.id
    finally:
        store.close()


@pytest.mark.parametrize(
    "fmt", [("--format", "full"), ("--format", "concise"), ("--format", "github"), ("--format", "jsonl"),
            ("--statistics",), ("--format", "sarif"), ("--format", "json")],
    ids=lambda f: f[-1].lstrip("-"),
)  # fmt: skip
def test_an_unchanged_corpus_prints_the_last_run_again_and_records_none(
    cli: Callable[..., CliResult], changed: Path, rules: Path, tmp_path: Path, fmt: tuple[str, ...]
) -> None:
    first = _check(cli, changed, rules, *fmt)
    run = _last_run(tmp_path)
    again = _check(cli, changed, rules, *fmt)
    assert first.code == again.code == 1, again.stderr
    assert first.stdout and again.stdout == first.stdout
    assert STOOD not in first.stderr and f"{STOOD} {run}" in again.stderr
    assert _last_run(tmp_path) == run  # no run recorded
    if fmt == ("--format", "json"):
        assert again.stdout == (tmp_path / "out" / "latest.json").read_text(encoding="utf-8")


def test_exit_zero_and_quiet_hold_for_a_report_that_stands(
    cli: Callable[..., CliResult], changed: Path, rules: Path
) -> None:
    _check(cli, changed, rules)
    assert _check(cli, changed, rules, "--exit-zero").code == 0
    quiet = _check(cli, changed, rules, "-q")
    assert quiet.code == 1 and STOOD not in quiet.stderr and quiet.stdout


def _edit_document(corpus: Path, rules: Path, tmp_path: Path) -> None:
    replace_in(corpus / S0, "680公里", "690公里")


def _edit_rule_file(corpus: Path, rules: Path, tmp_path: Path) -> None:
    glossary = next(rules.rglob("*.yml"))
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")


def _add_rule_file(corpus: Path, rules: Path, tmp_path: Path) -> None:
    (rules / "notes.txt").write_text("a file beside the rules\n", encoding="utf-8")


def _baseline(corpus: Path, rules: Path, tmp_path: Path) -> None:
    (corpus / "checker-baseline.yml").write_text("accepted: []\n", encoding="utf-8")


def _reports_gone(corpus: Path, rules: Path, tmp_path: Path) -> None:
    (tmp_path / "out" / "latest.md").unlink()


def _metadata(corpus: Path, rules: Path, tmp_path: Path) -> None:
    (corpus / f"{S0}.meta.yml").write_text("date: 2020-05-01\n", encoding="utf-8")


@pytest.mark.parametrize(
    "change", [_edit_document, _edit_rule_file, _add_rule_file, _baseline, _reports_gone, _metadata]
)
def test_any_change_the_report_follows_from_makes_a_run(
    cli: Callable[..., CliResult],
    changed: Path,
    rules: Path,
    tmp_path: Path,
    change: Callable[[Path, Path, Path], None],
) -> None:
    _check(cli, changed, rules)
    run = _last_run(tmp_path)
    change(changed, rules, tmp_path)
    result = _check(cli, changed, rules)
    assert STOOD not in result.stderr, result.stderr
    assert _last_run(tmp_path) > run
    assert (tmp_path / "out" / "latest.md").is_file()
    # and once it has run, an unchanged corpus stands on it
    assert STOOD in _check(cli, changed, rules).stderr


def test_other_settings_or_rerun_make_a_run(
    cli: Callable[..., CliResult], changed: Path, rules: Path, tmp_path: Path
) -> None:
    _check(cli, changed, rules)
    run = _last_run(tmp_path)
    selected = _check(cli, changed, rules, "--select", "CK101")
    assert STOOD not in selected.stderr and _last_run(tmp_path) == run + 1
    rerun = _check(cli, changed, rules, "--select", "CK101", "--rerun")
    assert STOOD not in rerun.stderr and _last_run(tmp_path) == run + 2
    # findings new in the first run persist in a real run: the report that stood was not re-tracked
    assert rerun.code == 1


def test_a_document_edited_back_is_checked_again(
    cli: Callable[..., CliResult], changed: Path, rules: Path, tmp_path: Path
) -> None:
    """Back to the text of the last run is still a change since it (the store saw the other text)."""
    _check(cli, changed, rules)
    replace_in(changed / S0, "680公里", "660公里")
    fixed = _check(cli, changed, rules)
    assert fixed.code == 0 and STOOD not in fixed.stderr
    replace_in(changed / S0, "660公里", "680公里")
    broken = _check(cli, changed, rules)
    assert broken.code == 1 and STOOD not in broken.stderr


def test_a_finding_accepted_since_is_accepted_in_the_next_check(
    cli: Callable[..., CliResult], changed: Path, rules: Path, tmp_path: Path
) -> None:
    first = _check(cli, changed, rules, "--format", "jsonl")
    fingerprint = next(line["fingerprint"] for line in map(json.loads, first.stdout.splitlines()))
    accepted = cli("accept", fingerprint, "--reason", "checked by hand", "--store", "s.db",
                   "--baseline", changed / "checker-baseline.yml")  # fmt: skip
    assert accepted.code == 0, accepted.stderr
    after = _check(cli, changed, rules, "--format", "jsonl")
    assert STOOD not in after.stderr
    statuses = {line["fingerprint"]: line["status"] for line in map(json.loads, after.stdout.splitlines())}
    assert statuses[fingerprint] == "accepted"


def test_a_report_stands_on_either_store(
    cli: Callable[..., CliResult], changed: Path, rules: Path, store_location: str
) -> None:
    first = cli("check", changed, "--store", store_location, "--reports", "out", "--rules", rules)
    again = cli("check", changed, "--store", store_location, "--reports", "out", "--rules", rules)
    assert STOOD not in first.stderr and STOOD in again.stderr
    assert again.stdout == first.stdout and again.code == first.code == 1


@pytest.mark.parametrize("damage", [b"not zlib", zlib.compress(b'{"run": 1}'), zlib.compress(b"[]")])
def test_a_damaged_row_of_the_last_run_makes_a_run(
    cli: Callable[..., CliResult], changed: Path, rules: Path, tmp_path: Path, damage: bytes
) -> None:
    _check(cli, changed, rules)
    run = _last_run(tmp_path)
    store = open_store(tmp_path / "s.db")
    try:
        kind = kept.kind("standing", ["corpus"])
        rows = store.kept(kind)
        assert set(rows) == {str(run), f"{run} full"}  # the run, and the format it printed
        store.keep(kind, {"damaged": damage}, [])  # forget the rows ...
        store.keep(kind, {str(run): damage, f"{run} full": rows[f"{run} full"]}, [str(run), f"{run} full"])
    finally:
        store.close()
    result = _check(cli, changed, rules)
    assert STOOD not in result.stderr and result.code == 1
    assert _last_run(tmp_path) == run + 1


def test_another_line_format_stands_too_and_is_kept_for_the_next_check(
    cli: Callable[..., CliResult], changed: Path, rules: Path, tmp_path: Path
) -> None:
    _check(cli, changed, rules)  # prints the full format
    run = _last_run(tmp_path)
    concise = _check(cli, changed, rules, "--format", "concise")
    assert STOOD in concise.stderr and concise.code == 1 and concise.stdout
    store = open_store(tmp_path / "s.db")
    try:
        assert f"{run} concise" in store.kept(kept.kind("standing", ["corpus"]))
    finally:
        store.close()
    assert _check(cli, changed, rules, "--format", "concise").stdout == concise.stdout
    assert _check(cli, changed, rules, "--format", "concise", "--rerun").stdout == concise.stdout


def test_a_file_that_cannot_be_read_does_not_keep_the_report_from_standing(
    cli: Callable[..., CliResult], changed: Path, rules: Path, tmp_path: Path
) -> None:
    (changed / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00" * 50)
    first = _check(cli, changed, rules)
    run = _last_run(tmp_path)
    again = _check(cli, changed, rules)
    assert f"{STOOD} {run}" in again.stderr and again.stdout == first.stdout
    assert "binary.txt" in again.stderr  # still named, every time
    (changed / "binary.txt").write_text("长三角地区新增建成铁路里程660公里。\n", encoding="utf-8")
    fixed = _check(cli, changed, rules)
    assert STOOD not in fixed.stderr and "binary.txt" not in fixed.stderr and _last_run(tmp_path) == run + 1


def test_a_file_touched_but_not_changed_leaves_the_report_standing(
    cli: Callable[..., CliResult], changed: Path, rules: Path, tmp_path: Path
) -> None:
    """A checkout or an editor's save without a change rewrites the time, not the text: nothing to check."""
    first = _check(cli, changed, rules)
    run = _last_run(tmp_path)
    later = (changed / S0).stat().st_mtime + 3600
    os.utime(changed / S0, (later, later))
    again = _check(cli, changed, rules)
    assert f"{STOOD} {run}" in again.stderr and again.stdout == first.stdout
