"""Issue 11, acceptance 4: `checker check` killed (SIGKILL) in the middle of an incremental run leaves a
store from which the next run reports exactly what a fresh check reports.

A corpus of a few hundred reports is checked once into a kept store, then a burst of edits (figures
changed in a tenth of the reports, one deleted, one renamed, one added) is checked again from a copy of
that store and killed at several moments: fractions of the uninterrupted run's duration, measured first,
and right after the store holds every edited report (the end of the sync, seen by polling the store).
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.incremental.inc_compare import load, mismatch
from tests.incremental.inc_corpus import build, bulk_document
from tests.incremental.inc_ops import FIGURE

BULK = 220
FRACTIONS = (0.1, 0.5, 0.9)
KEPT = ("kept.db", "kept.db-wal", "kept.db-shm", "kept-reports")


def _command(store: str, reports: str) -> list[str]:
    return [
        sys.executable, "-m", "checker", "check", "corpus", "--store", store, "--reports", reports,
        "--rules", "rules", "--format", "concise", "--quiet", "--exit-zero",
    ]  # fmt: skip


def _run(folder: Path, store: str = "kept.db", reports: str = "kept-reports") -> float:
    """One whole run; its wall time."""
    started = time.monotonic()
    proc = subprocess.run(_command(store, reports), cwd=folder, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    return time.monotonic() - started


def _start(folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        _command("kept.db", "kept-reports"), cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _save(folder: Path) -> None:
    (folder / "before").mkdir()
    for name in KEPT:
        if (folder / name).is_dir():
            shutil.copytree(folder / name, folder / "before" / name, symlinks=True)
        elif (folder / name).exists():
            shutil.copy2(folder / name, folder / "before" / name)


def _restore(folder: Path) -> None:
    """The kept store and reports as they were before the edits."""
    for name in KEPT:
        if (folder / name).is_dir():
            shutil.rmtree(folder / name)
        (folder / name).unlink(missing_ok=True)
        saved = folder / "before" / name
        if saved.is_dir():
            shutil.copytree(saved, folder / name, symlinks=True)
        elif saved.exists():
            shutil.copy2(saved, folder / name)


def _edit(corpus: Path, rng: random.Random) -> dict[str, str]:
    """A burst of edits; the text each changed or added report now has, by stored name."""
    docs = sorted(corpus.rglob("*.txt"))
    changed: dict[str, str] = {}
    for doc in rng.sample(docs, len(docs) // 10):
        text = doc.read_text(encoding="utf-8")
        m = rng.choice(list(FIGURE.finditer(text)))
        text = text[: m.start()] + str(int(float(m.group())) + 1) + text[m.end() :]
        doc.write_text(text, encoding="utf-8")
        changed[f"corpus/{doc.name}"] = text
    gone, moved = [d for d in docs if f"corpus/{d.name}" not in changed][:2]
    gone.unlink()
    moved.rename(corpus / f"moved_{moved.name}")
    name, text = bulk_document(BULK + 1, variant=3)
    (corpus / name).write_text(text, encoding="utf-8")
    changed[f"corpus/{name}"] = text
    return changed


def _synced(store: Path, changed: dict[str, str]) -> bool:
    """Whether the store already holds every changed report's new text (its sync is over)."""
    wanted = {p: hashlib.sha256(t.encode("utf-8")).hexdigest() for p, t in changed.items()}
    try:
        con = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1)
        try:
            rows = con.execute("SELECT path, sha256 FROM documents").fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return all(dict(rows).get(p) == sha for p, sha in wanted.items())


def _kill_at(folder: Path, seconds: float | None, changed: dict[str, str]) -> str:
    """Start a run and SIGKILL it after `seconds`, or (None) as soon as its sync is over."""
    proc = _start(folder)
    if seconds is not None:
        time.sleep(seconds)
    else:
        while proc.poll() is None and not _synced(folder / "kept.db", changed):
            time.sleep(0.005)
    if proc.poll() is not None:
        return "finished before the kill"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return "killed"


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_a_run_killed_at_any_moment_leaves_a_store_that_rechecks_like_a_fresh_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rng = random.Random(4)
    corpus = build(tmp_path, rng, synthetic=10, excerpt=None)
    for n in range(BULK):
        name, text = bulk_document(n)
        (corpus / name).write_text(text, encoding="utf-8")
    _run(tmp_path)
    _save(tmp_path)
    changed = _edit(corpus, rng)
    _run(tmp_path, "fresh.db", "fresh-reports")
    fresh: dict[str, Any] = load(tmp_path / "fresh-reports" / "latest.json")

    duration = _run(tmp_path)
    assert mismatch(load(tmp_path / "kept-reports" / "latest.json"), fresh) is None
    outcomes = []
    moments: list[tuple[str, float | None, bool]] = [
        *((f"at {f:.0%} of {duration:.1f} s", f * duration, False) for f in FRACTIONS),
        ("after the sync", None, False),
        ("after the sync, then at 50% of the next run", None, True),
    ]
    for label, seconds, again in moments:
        _restore(tmp_path)
        what = _kill_at(tmp_path, seconds, changed)
        if again:
            what += ", then " + _kill_at(tmp_path, duration / 2, changed)
        _run(tmp_path)
        outcomes.append(f"{label}: {what}")
        problem = mismatch(load(tmp_path / "kept-reports" / "latest.json"), fresh)
        assert problem is None, f"killed {label}, then run again:\n{problem}"
    with capsys.disabled():
        print("\n" + "; ".join(outcomes))
