"""What lies in the corpus folder besides reports: FIFOs, sockets, links, odd names and encodings.

Only regular files are read; a FIFO never blocks; a link is followed only into
the corpus; every skipped path is one note; nothing prints a traceback.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path

import pytest
from faultkit import Run

GOOD = "长三角地区新增建成铁路里程660公里。\n"


def _latest(tmp_path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((tmp_path / "reports" / "latest.json").read_text(encoding="utf-8"))


def test_fifo_socket_and_device_are_skipped_with_one_note_each(
    tmp_path: Path, corpus: Path, run: Run
) -> None:
    os.mkfifo(corpus / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(corpus / "sock.txt"))
    try:
        (corpus / "null.txt").symlink_to("/dev/null")  # a device, reached through a link out of the corpus
        result = run("check", "corpus", "--follow-outside-links", timeout=60)
    finally:
        server.close()
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr.count("corpus/pipe.txt: a named pipe (FIFO), not a regular file") == 1
    assert result.stderr.count("corpus/sock.txt: a socket, not a regular file") == 1
    assert result.stderr.count("corpus/null.txt: a character device, not a regular file") == 1
    report = _latest(tmp_path)
    assert report["summary"]["documents"] == 3
    assert {"corpus/pipe.txt", "corpus/sock.txt", "corpus/null.txt"} <= {e["path"] for e in report["errors"]}


def test_symlinks_out_of_the_corpus_loops_and_dangling_are_notes(
    tmp_path: Path, corpus: Path, run: Run
) -> None:
    secret = tmp_path / "outside.txt"
    secret.write_text("机密文件共有999项重点任务。\n", encoding="utf-8")
    (corpus / "out.txt").symlink_to(secret)
    (corpus / "loop.txt").symlink_to("loop.txt")
    (corpus / "dangling.txt").symlink_to("nowhere.txt")
    (corpus / "inside.txt").symlink_to(next(corpus.glob("0*.txt")).name)  # into the corpus: fine
    (corpus / "sub").symlink_to(tmp_path, target_is_directory=True)  # a folder out of the corpus
    result = run("check", "corpus")
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr.count("corpus/out.txt: symlink to") == 1
    assert "outside the checked folders" in result.stderr and "--follow-outside-links" in result.stderr
    assert result.stderr.count("corpus/loop.txt: symlink loop") == 1
    assert result.stderr.count("corpus/dangling.txt: dangling symlink") == 1
    assert result.stderr.count("corpus/sub: symlinked folder to") == 1
    store = (tmp_path / "state" / "checker.db").read_bytes()
    assert "机密文件".encode() not in store and b"outside" not in store
    assert _latest(tmp_path)["summary"]["documents"] == 3

    allowed = run("check", "corpus", "--follow-outside-links")
    assert "corpus/out.txt" in {d["path"] for d in _latest(tmp_path)["documents"]}, allowed.stderr


def test_a_file_name_that_is_not_utf8_is_read_and_shown_with_escapes(
    tmp_path: Path, corpus: Path, run: Run
) -> None:
    if sys.platform == "darwin":
        pytest.skip("macOS file systems refuse names that are not UTF-8")
    odd = os.fsencode(corpus) + b"/bad\xffname.txt"
    with open(odd, "wb") as fh:
        fh.write(GOOD.encode("utf-8"))
    first = run("check", "corpus")
    assert first.returncode in (0, 1), first.stderr
    docs = {d["path"]: d for d in _latest(tmp_path)["documents"]}
    assert docs["corpus/bad\\xffname.txt"]["claims"] >= 1
    again = run("check", "corpus", "--rerun")  # unchanged, the first run's report would stand
    assert _latest(tmp_path)["run"]["documents_extracted"] == 0, again.stderr  # the same key both times


def test_utf16_without_bom_is_decoded(tmp_path: Path, corpus: Path, run: Run) -> None:
    (corpus / "le.txt").write_bytes(GOOD.encode("utf-16-le"))
    (corpus / "be.txt").write_bytes(GOOD.replace("660", "660").encode("utf-16-be"))
    (corpus / "bin.txt").write_bytes(b"\x00\x01\x02\x03" * 64)
    result = run("check", "corpus")
    docs = {d["path"]: d for d in _latest(tmp_path)["documents"]}
    assert docs["corpus/le.txt"]["encoding"] == "utf-16-le" and docs["corpus/le.txt"]["claims"] == 1
    assert docs["corpus/be.txt"]["encoding"] == "utf-16-be"
    assert docs["corpus/bin.txt"]["errors"], result.stderr
    assert result.stderr.count("corpus/bin.txt: binary file") == 1  # each read error printed once


def test_claims_skips_a_fifo_too(tmp_path: Path, corpus: Path, run: Run) -> None:
    os.mkfifo(corpus / "pipe.txt")
    result = run("claims", "corpus", timeout=60)
    assert result.returncode == 0
    assert result.stderr.count("corpus/pipe.txt: a named pipe") == 1
    assert result.stdout.count("\n") > 10


def test_renamed_folder_keeps_its_claims_and_findings(tmp_path: Path, corpus: Path, run: Run) -> None:
    sub = corpus / "a"
    sub.mkdir()
    (sub / "x.txt").write_text(GOOD, encoding="utf-8")
    (sub / "y.txt").write_text(GOOD.replace("660", "680"), encoding="utf-8")
    assert run("check", "corpus").returncode == 1
    before = _latest(tmp_path)
    errors = {f["fingerprint"] for f in before["findings"] if f["severity"] == "error"}
    assert errors
    sub.rename(corpus / "b")
    assert run("check", "corpus").returncode == 1
    after = _latest(tmp_path)
    assert after["summary"]["resolved"] == 0 and after["summary"]["new"] == 0
    assert after["run"]["documents_extracted"] == 0  # claims moved, nothing extracted again
    moved = [f for f in after["findings"] if f["severity"] == "error"]
    assert moved and all(f["status"] == "persisting" for f in moved)
    assert all(
        c["path"].startswith("corpus/b/")
        for f in moved
        for c in f["claims"]
        if "/a/" in c["path"] or "/b/" in c["path"]
    )
