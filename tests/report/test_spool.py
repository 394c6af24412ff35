"""A file written by a thread from pieces made meanwhile: the bytes in order, every failure raised, nothing left running."""

from __future__ import annotations

import errno
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from checker.report.spool import DEPTH, write_pieces


def test_pieces_arrive_in_order(tmp_path: Path) -> None:
    pieces = [f"{i:05d}|".encode() * (i % 7 + 1) for i in range(500)]
    with open(tmp_path / "out", "wb") as fh:
        write_pieces(fh, iter(pieces))
    assert (tmp_path / "out").read_bytes() == b"".join(pieces)


def test_the_writes_happen_off_the_thread_that_makes_the_pieces() -> None:
    threads: set[str] = set()

    class Recording(io.BytesIO):
        def write(self, data: bytes) -> int:  # type: ignore[override]
            threads.add(threading.current_thread().name)
            return super().write(data)

    fh = Recording()
    write_pieces(fh, [b"a", b"b"])
    assert fh.getvalue() == b"ab"
    assert threads == {"report-writer"}


def test_a_failing_maker_raises_and_stops_the_writer() -> None:
    def pieces() -> Iterator[bytes]:
        yield b"ok"
        raise ValueError("the model could not be serialised")

    before = threading.active_count()
    with pytest.raises(ValueError, match="serialised"):
        write_pieces(io.BytesIO(), pieces())
    assert threading.active_count() == before


class Full(io.BytesIO):
    """A file on a disk that fills after `room` bytes."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.tell() + len(data) > self.room:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)


def test_a_failed_write_is_raised_and_the_maker_is_closed() -> None:
    made, closed = [], []

    def pieces() -> Iterator[bytes]:
        try:
            for i in range(10 * DEPTH):
                made.append(i)
                yield b"x" * 10
        finally:
            closed.append(True)

    with pytest.raises(OSError) as caught:
        write_pieces(Full(room=25), pieces())
    assert caught.value.errno == errno.ENOSPC
    assert closed == [True]
    assert len(made) < 10 * DEPTH  # the maker stopped soon after the failure, not at the end
