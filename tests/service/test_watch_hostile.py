"""Acceptance (issue 16): a FIFO and a link out of the corpus do not stop the service.

It starts, reports the rest, follows an edit within its usual latency and
stops on SIGTERM within 5 s; neither path is opened or read.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from servicekit import sha, wait_until

GOOD = "长三角地区新增建成铁路里程660公里。\n"


def test_service_with_a_fifo_and_an_outside_link_reports_the_rest(tmp_path: Path, watch) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = corpus / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text("机密共有999项任务。\n", encoding="utf-8")
    (corpus / "link.txt").symlink_to(secret)

    svc = watch()  # waits for the start-up reconcile: it did not block on the FIFO
    report = svc.latest()
    assert set(svc.documents()) == {"corpus/good.txt"}
    skipped = {e["path"]: e["message"] for e in report["errors"]}
    assert (
        "named pipe" in skipped["corpus/pipe.txt"]
        and "outside the checked folders" in skipped["corpus/link.txt"]
    )

    good.write_text(GOOD.replace("660", "661"), encoding="utf-8")
    wait_until(lambda: svc.documents().get("corpus/good.txt") == sha(good), 5, "the edit to be reported")
    os.mkfifo(corpus / "pipe2.txt")  # a FIFO appearing while it runs is skipped too
    (corpus / "more.txt").write_text(GOOD, encoding="utf-8")
    wait_until(lambda: "corpus/more.txt" in svc.documents(), 5, "a new file next to a new FIFO")
    stored = b"".join(p.read_bytes() for p in svc.store.parent.glob("checker.db*"))
    assert "机密".encode() not in stored

    started = time.monotonic()
    assert svc.stop(signal.SIGTERM, timeout=5) == 0
    assert time.monotonic() - started < 5
    assert "Traceback" not in svc.stderr()
