"""Acceptance 1 and 2: a real `checker watch` follows every kind of change, and a burst makes few runs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from servicekit import query, report_text, sha, wait_until

# The tests poll latest.json; the bar is "reflects the change within 2 seconds".
WITHIN = 2.0


def test_create_edit_delete_rename_and_atomic_save_each_show_up_in_latest_json(tmp_path: Path, watch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    a = corpus / "a.txt"
    a.write_text(report_text(1), encoding="utf-8")
    svc = watch()
    assert svc.documents() == {"corpus/a.txt": sha(a)}

    def shows(expected: dict[str, str], what: str) -> None:
        wait_until(lambda: svc.documents() == expected, WITHIN, f"latest.json to show {what}")

    b = corpus / "b.txt"
    b.write_text(report_text(2), encoding="utf-8")
    shows({"corpus/a.txt": sha(a), "corpus/b.txt": sha(b)}, "the created file")

    b.write_text(report_text(3), encoding="utf-8")
    shows({"corpus/a.txt": sha(a), "corpus/b.txt": sha(b)}, "the edit")

    a.unlink()
    shows({"corpus/b.txt": sha(b)}, "the deletion")

    c = corpus / "sub" / "c.txt"
    c.parent.mkdir()
    b.rename(c)
    shows({"corpus/sub/c.txt": sha(c)}, "the rename (old name gone, new name present)")

    # An editor's atomic save: write a temporary file beside the original, rename it over.
    tmp = corpus / "sub" / "c.txt.tmp"
    tmp.write_text(report_text(4), encoding="utf-8")
    os.replace(tmp, c)
    shows({"corpus/sub/c.txt": sha(c)}, "the atomic save")

    # Vim's way: move the original to a backup, write a new file, delete the backup.
    backup = corpus / "sub" / "c.txt~"
    c.rename(backup)
    c.write_text(report_text(5), encoding="utf-8")
    backup.unlink()
    shows({"corpus/sub/c.txt": sha(c)}, "the backup-style save")

    # Scratch files never become documents, even while they exist.
    for name in (".#c.txt", "c.txt.swp", "notes.tmp", "draft.txt~", ".hidden.txt"):
        (corpus / name).write_text(report_text(6), encoding="utf-8")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "COMMIT.txt").write_text(report_text(7), encoding="utf-8")
    d = corpus / "d.txt"
    d.write_text(report_text(8), encoding="utf-8")
    shows({"corpus/sub/c.txt": sha(c), "corpus/d.txt": sha(d)}, "d.txt and none of the scratch files")
    assert svc.alive()
    assert svc.stop() == 0


def test_a_burst_of_2000_files_is_all_stored_in_far_fewer_runs(tmp_path: Path, watch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    staging = tmp_path / "staging"
    staging.mkdir()
    for n in range(2000):
        (staging / f"{n:04d}.txt").write_text(report_text(n), encoding="utf-8")
    # Retention high enough that no run record is pruned before it is counted.
    svc = watch(env={"CHECKER_RETENTION": "100000"})
    first = svc.max_run_id()

    for f in sorted(staging.iterdir()):
        shutil.copy(f, corpus / f.name)

    def all_in() -> bool:
        report = svc.latest()
        return bool(report) and report["summary"]["documents"] == 2000

    wait_until(all_in, 90, "all 2,000 documents in latest.json")
    stored = query(svc.store, "SELECT COUNT(*) FROM documents WHERE error IS NULL")[0][0]
    assert stored == 2000
    runs = query(svc.store, "SELECT COUNT(*) FROM runs WHERE id > ?", first)[0][0]
    assert 1 <= runs < 50, f"{runs} runs for 2,000 files"
    assert svc.stop() == 0
