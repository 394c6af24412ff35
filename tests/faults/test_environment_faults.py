"""Failures of the program's environment: one message naming the problem and the fix, exit 2.

A damaged store, a read-only store, a reports folder that is a file, a full
disk, and an unexpected exception.  Exit 1 is kept for error findings.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from faultkit import Run, no_traceback


def _one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    return lines[0]


def _damage(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    with db.open("r+b") as fh:  # page 3 of 4 KiB: a table's b-tree page
        fh.seek(2 * 4096)
        fh.write(b"\xde\xad" * 2048)


def test_damaged_store_is_named_with_the_rebuild_and_the_rebuild_keeps_the_baseline(
    tmp_path: Path, corpus: Path, run: Run
) -> None:
    (corpus / "x.txt").write_text("长三角地区新增建成铁路里程660公里。\n", encoding="utf-8")
    (corpus / "y.txt").write_text("长三角地区新增建成铁路里程680公里。\n", encoding="utf-8")
    assert run("check", "corpus").returncode == 1
    report = json.loads((tmp_path / "reports" / "latest.json").read_text(encoding="utf-8"))
    finding = next(f for f in report["findings"] if f["severity"] == "error")
    accepted = run("accept", finding["fingerprint"], "--reason", "checked", "--store", "state/checker.db")
    assert accepted.returncode == 0, accepted.stderr
    _damage(tmp_path / "state" / "checker.db")

    for args in (
        ("check", "corpus"),
        ("report", "--store", "state/checker.db"),
        ("status", "--store", "state/checker.db"),
    ):
        result = run(*args)
        assert result.returncode == 2, (args, result.stderr)
        line = _one_error_line(result)
        assert "is damaged" in line and "checker check PATHS --rebuild-store" in line

    rebuilt = run("check", "corpus", "--rebuild-store")
    assert rebuilt.returncode == 0, rebuilt.stderr  # the accepted finding is still accepted
    assert "the old store was moved to" in rebuilt.stderr
    report = json.loads((tmp_path / "reports" / "latest.json").read_text(encoding="utf-8"))
    assert [f["status"] for f in report["findings"] if f["fingerprint"] == finding["fingerprint"]] == [
        "accepted"
    ]
    assert list((tmp_path / "state").glob("checker.db.damaged-*"))


def test_read_only_store_says_check_needs_to_write(
    tmp_path: Path, corpus: Path, run: Run, tmpfs: Callable[[str, str], Path]
) -> None:
    ro = tmpfs("ro", "4m")
    assert run("check", "corpus", "--store", ro / "s.db").returncode in (0, 1)
    subprocess.run(["mount", "-o", "remount,ro", str(ro)], check=True)
    result = run("check", "corpus", "--store", ro / "s.db")
    assert result.returncode == 2
    line = _one_error_line(result)
    assert "is read-only" in line and "needs to write" in line and "not a checker store" not in line


def test_reports_path_that_is_a_file_is_one_message(tmp_path: Path, corpus: Path, run: Run) -> None:
    (tmp_path / "reports").write_text("not a folder", encoding="utf-8")
    result = run("check", "corpus")
    assert result.returncode == 2
    assert "the reports folder reports is not a folder" in _one_error_line(result)
    con = sqlite3.connect(tmp_path / "state" / "checker.db")
    assert con.execute("SELECT COUNT(*) FROM runs WHERE finished IS NOT NULL").fetchone()[0] == 0


def test_full_disk_keeps_the_previous_reports_and_records_no_run(
    tmp_path: Path, corpus: Path, run: Run, tmpfs: Callable[[str, str], Path]
) -> None:
    small = tmpfs("small", "512k")
    assert run("check", "corpus", "--reports", small / "r").returncode in (0, 1)
    before = {p.name: p.read_bytes() for p in (small / "r").glob("latest.*")}
    assert set(before) == {"latest.json", "latest.md", "latest.html"}
    fd = os.open(small / "filler", os.O_WRONLY | os.O_CREAT)
    try:  # fill what is left
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    (corpus / "new.txt").write_text("长三角地区新增建成铁路里程661公里。\n", encoding="utf-8")
    result = run("check", "corpus", "--reports", small / "r")
    assert result.returncode == 2
    line = _one_error_line(result)
    assert "no space left" in line and "previous reports are intact" in line
    assert {p.name: p.read_bytes() for p in (small / "r").glob("latest.*")} == before
    con = sqlite3.connect(tmp_path / "state" / "checker.db")
    assert con.execute("SELECT COUNT(*) FROM runs WHERE finished IS NOT NULL").fetchone()[0] == 1


def test_unexpected_exception_is_one_line_and_debug_shows_the_traceback(tmp_path: Path, corpus: Path) -> None:
    # The one place no real input reaches: a bug.  Planted by replacing sync before main() runs.
    code = (
        "import sys, checker.pipeline as p\n"
        "def broken(*a, **k): raise RuntimeError('planted bug')\n"
        "p.sync = broken\n"
        "from checker.cli.main import main\n"
        "main(sys.argv[1:])\n"
    )
    argv = [sys.executable, "-c", code, "check", "corpus", "--store", "s.db", "--reports", "r"]
    plain = subprocess.run(argv, cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False)
    assert plain.returncode == 2
    no_traceback(plain)
    line = _one_error_line(plain)
    assert "RuntimeError" in line and "checker check" in line and "planted bug" in line and "--debug" in line
    debug = subprocess.run(
        [*argv, "--debug"], cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False
    )
    assert debug.returncode == 2 and "Traceback (most recent call last)" in debug.stderr
