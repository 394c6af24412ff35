"""The store's compression: zstd frames, whole or in pieces, and the zlib rows of stores written before."""

from __future__ import annotations

import threading
import zlib

import pytest

from checker.packing import Packer, PackError, pack, pack_text, unpack, unpack_text

TEXT = "第一轮320项、第二轮217项重点任务，完成率均在90%以上。" * 200


def test_what_is_packed_unpacks_to_the_same_bytes_and_smaller() -> None:
    data = TEXT.encode("utf-8")
    packed = pack(data)
    assert unpack(packed) == data
    assert len(packed) < len(data) // 10
    assert unpack_text(pack_text(TEXT)) == TEXT
    assert unpack(pack(b"")) == b""


def test_a_frame_made_in_pieces_unpacks_whole() -> None:
    packer = Packer()
    blocks = [TEXT[i : i + 700].encode("utf-8") for i in range(0, len(TEXT), 700)]
    packed = b"".join([packer.add(b) for b in blocks] + [packer.finish()])
    assert unpack(packed) == b"".join(blocks)


def test_zlib_rows_of_an_older_store_still_unpack() -> None:
    assert unpack(zlib.compress(TEXT.encode("utf-8"), 1)) == TEXT.encode("utf-8")
    assert unpack_text(zlib.compress(b"", 9)) == ""


@pytest.mark.parametrize(
    "damaged",
    [
        b"",
        b"not compressed",
        pack(TEXT.encode())[:-9],
        b"\x28\xb5\x2f\xfd" + b"\x00" * 20,
        zlib.compress(b"x")[:-3],
    ],
    ids=["empty", "plain", "cut zstd", "zstd magic, garbage", "cut zlib"],
)
def test_damaged_bytes_are_one_pack_error_a_value_error(damaged: bytes) -> None:
    with pytest.raises(PackError):
        unpack(damaged)
    assert issubclass(PackError, ValueError)  # what the store's readers already treat as a damaged row


def test_threads_pack_at_once_without_sharing_a_context() -> None:
    results: dict[int, bool] = {}

    def work(n: int) -> None:
        data = f"{n}:{TEXT}".encode()
        results[n] = all(unpack(pack(data)) == data for _ in range(20))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == {n: True for n in range(6)}
