"""Acceptance 3: kill -9 in the middle of a burst, change files while down, restart: nothing lost or doubled."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from servicekit import query, read_json, report_text, run_cli, wait_until


def store_state(db: Path) -> dict[str, Any]:
    """Documents and claims as rows: what must match a fresh check exactly.

    Not the extractor digest: it is a hash of checker/extract's source, which
    may be edited while the test runs; the claims show whether extraction agrees.
    """
    return {
        "documents": query(
            db, "SELECT path, sha256, encoding, size, mtime, error FROM documents ORDER BY path"
        ),
        "claims": query(db, "SELECT path, ord, value, unit, subject, data FROM claims ORDER BY path, ord"),
    }


def report_state(report: dict[str, Any]) -> dict[str, Any]:
    """A report without run ids and times, and without the new/persisting/resolved history."""
    history = {"new", "persisting", "resolved", "accepted"}
    return {
        "summary": {k: v for k, v in report["summary"].items() if k not in history},
        "documents": report["documents"],
        "groups": report["groups"],
        "errors": report["errors"],
        "findings": sorted(
            json.dumps({k: v for k, v in f.items() if k not in ("status", "accepted_reason")}, sort_keys=True)
            for f in report["findings"]
        ),
    }


def test_kill_9_mid_burst_then_restart_matches_a_fresh_check(tmp_path: Path, watch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(20):
        (corpus / f"base{n:02d}.txt").write_text(report_text(4000 + n), encoding="utf-8")
    svc = watch(env={"CHECKER_RETENTION": "100000"})
    before = svc.max_run_id()

    for n in range(1000):
        (corpus / f"burst{n:04d}.txt").write_text(report_text(n), encoding="utf-8")
    # Kill as soon as the first event run has started, so it is cut off part way.
    wait_until(
        lambda: query(svc.store, "SELECT COUNT(*) FROM runs WHERE id > ?", before)[0][0],
        30,
        "a run for the burst to start",
        interval=0.005,
    )
    svc.kill()
    assert svc.proc.returncode == -9

    # While it is down: edits, deletions, new files, a rename.
    for n in range(0, 10):
        (corpus / f"burst{n:04d}.txt").write_text(report_text(n, variant=1), encoding="utf-8")
    for n in range(10, 20):
        (corpus / f"burst{n:04d}.txt").unlink()
    for n in range(5):
        (corpus / f"late{n}.txt").write_text(report_text(3000 + n), encoding="utf-8")
    (corpus / "base00.txt").rename(corpus / "renamed00.txt")

    last = svc.max_run_id()
    again = watch(env={"CHECKER_RETENTION": "100000"}, ready=False)
    again.wait_ready(after_run=last)
    assert again.stop() == 0

    fresh = run_cli(
        "check", "corpus", "--store", "fresh/checker.db", "--reports", "fresh-reports", cwd=tmp_path
    )
    assert fresh.returncode in (0, 1), fresh.stderr
    assert store_state(svc.store) == store_state(tmp_path / "fresh" / "checker.db")
    mine, theirs = (
        read_json(svc.reports / "latest.json"),
        read_json(tmp_path / "fresh-reports" / "latest.json"),
    )
    assert mine["summary"]["documents"] == 20 + 1000 - 10 + 5
    assert report_state(mine) == report_state(theirs)
