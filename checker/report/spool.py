"""A file written from its pieces by a thread of its own, while the pieces are still being made.

latest.json at 10,000 documents is 110 MB made in blocks of a megabyte
(models/reportjson.py); writing the blocks in line took 0.22-0.28 s of the
watch service's run after an edit, time the serialisation waited.  A write lets
go of the GIL, so here the serialisation goes on while the kernel copies.  At
most `DEPTH` blocks wait: memory stays flat.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Generator, Iterable
from typing import BinaryIO

DEPTH = 4


def write_pieces(fh: BinaryIO, pieces: Iterable[bytes]) -> None:
    """Write `pieces` to `fh` in order; the first error, made or met in writing, is raised here."""
    waiting: queue.Queue[bytes | None] = queue.Queue(maxsize=DEPTH)
    failed: list[BaseException] = []

    def drain() -> None:
        while (piece := waiting.get()) is not None:
            if not failed:  # after a failed write the rest is taken and dropped, so `put` never blocks
                try:
                    fh.write(piece)
                except BaseException as exc:  # raised in the thread that gave the pieces
                    failed.append(exc)

    writer = threading.Thread(target=drain, name="report-writer", daemon=True)
    writer.start()
    try:
        for piece in pieces:
            if failed:
                break
            waiting.put(piece)
    finally:
        waiting.put(None)
        writer.join()
        if isinstance(pieces, Generator):
            pieces.close()  # a maker stopped early runs its `finally` now (its compressing thread ends)
    if failed:
        raise failed[0]
