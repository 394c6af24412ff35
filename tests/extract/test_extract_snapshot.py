"""bench/extract_snapshot.py: a snapshot compares equal with itself and names the document that changed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.extract_snapshot import REPO, case_documents, differences, snapshot, synthetic_documents

SCRIPT = REPO / "bench" / "extract_snapshot.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--synthetic", "3", "--long-mb", "0", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=600,
    )


def test_the_corpus_is_fixed() -> None:
    first = [(d.path, d.text) for d in synthetic_documents(5)]
    assert first == [(d.path, d.text) for d in synthetic_documents(5)]
    assert len(case_documents()) >= 300


def test_write_then_compare_is_identical_and_a_change_is_named(tmp_path: Path) -> None:
    snap = tmp_path / "snap.json"
    written = _run("--write", str(snap))
    assert written.returncode == 0, written.stderr
    same = _run("--compare", str(snap))
    assert same.returncode == 0, same.stdout + same.stderr
    assert "identical" in same.stdout
    data = json.loads(snap.read_text(encoding="utf-8"))
    path = next(p for p, d in data.items() if p.startswith("seeds/") and d["claims"])
    data[path]["claims"][0]["value"] += 1
    snap.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    changed = _run("--compare", str(snap))
    assert changed.returncode == 1
    assert f"{path}: claims[0] value" in changed.stdout


def test_differences_names_missing_and_extra_relations() -> None:
    docs = synthetic_documents(2)
    old = snapshot(docs)
    new = json.loads(json.dumps(old))
    new[docs[0].path]["relations"].append({"kind": "made up"})
    del new[docs[1].path]
    lines = differences(old, new)
    assert f"{docs[1].path}: missing now" in lines
    assert any(line.startswith(f"{docs[0].path}: ") and "relations" in line for line in lines)
