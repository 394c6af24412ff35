"""Lifecycle: one service per store, `checker status`, clean stops on SIGINT/SIGTERM, JSON logs, --polling."""

from __future__ import annotations

import json
import signal
from pathlib import Path

from servicekit import run_cli, sha, wait_until

GOOD = "长三角地区新增建成铁路里程660公里。\n"


def test_second_watch_refuses_status_reports_and_sigint_stops_cleanly(tmp_path: Path, watch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"{n}.txt").write_text(GOOD, encoding="utf-8")
    svc = watch("corpus", "--log-json")

    second = run_cli(
        "watch", "corpus", "--store", "state/checker.db", "--reports", "other", cwd=tmp_path, timeout=60
    )
    assert second.returncode == 2, second.stderr
    assert "already using the store state/checker.db" in second.stderr
    assert f"pid {svc.pid}" in second.stderr

    status = run_cli("status", "--store", "state/checker.db", "--format", "json", cwd=tmp_path)
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert data["service"]["running"] is True
    assert data["service"]["pid"] == svc.pid
    assert data["service"]["roots"] == ["corpus"]
    assert data["last_run"]["documents"] == 3
    assert {"claims", "findings", "finished"} <= data["last_run"].keys()

    text = run_cli("status", "--store", "state/checker.db", cwd=tmp_path)
    assert text.returncode == 0
    assert f"running (pid {svc.pid}" in text.stdout
    assert "documents  3" in text.stdout

    assert svc.stop(signal.SIGINT) == 0
    records = [json.loads(line) for line in svc.stderr().splitlines() if line.strip()]
    assert any("watching corpus" in r["record"]["message"] for r in records)
    assert records[-1]["record"]["message"] == "stopped"

    after = run_cli("status", "--store", "state/checker.db", cwd=tmp_path)
    assert after.returncode == 0
    assert f"not running (last pid {svc.pid})" in after.stdout


def test_status_without_a_store_says_so(tmp_path: Path) -> None:
    result = run_cli("status", "--store", "nowhere/checker.db", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "none yet" in result.stdout
    assert "not running" in result.stdout
    assert not (tmp_path / "nowhere").exists()


def test_polling_mode_sees_a_new_file(tmp_path: Path, watch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    svc = watch("corpus", "--polling")
    doc = corpus / "a.txt"
    doc.write_text(GOOD, encoding="utf-8")
    # A poll every second, then the debounce: slower than kernel events, by design.
    wait_until(lambda: svc.documents() == {"corpus/a.txt": sha(doc)}, 10, "the polled change")
    assert svc.stop() == 0
