"""How the store compresses what it keeps: documents' texts, each run's report, the standing rows.

Zstandard at level 1: at 10,000 documents a run's report is 110 MB of JSON,
compressed on every run beside the writing of latest.json.  zlib (level 1)
took 0.29 s of it, more than the service took to make the JSON from the
pieces it keeps (0.19 s), so latest.json waited on the compression; zstd takes
0.09 s, and its blob is a third smaller (6.4 MB against 9.8).

Stores written before keep their zlib rows: `unpack` tells the two apart by
zstd's frame magic (a zlib stream starts with 0x78, never with it).
"""

from __future__ import annotations

import threading
import zlib

import zstandard

LEVEL = 1
_MAGIC = b"\x28\xb5\x2f\xfd"  # every zstd frame starts with it
_local = threading.local()  # zstd contexts are not shared between threads: one of each per thread


class PackError(ValueError):
    """Stored bytes that neither zstd nor zlib can read (a damaged row)."""


def _compressor() -> zstandard.ZstdCompressor:
    made: zstandard.ZstdCompressor | None = getattr(_local, "compressor", None)
    if made is None:
        made = _local.compressor = zstandard.ZstdCompressor(level=LEVEL)
    return made


def pack(data: bytes) -> bytes:
    """`data` compressed (one zstd frame, its size noted in it)."""
    return _compressor().compress(data)


def pack_text(text: str) -> bytes:
    """`text` (UTF-8) compressed."""
    return pack(text.encode("utf-8"))


def unpack(data: bytes) -> bytes:
    """What `pack` (or, in a store written before, zlib) compressed; PackError for damaged bytes."""
    try:
        if data[:4] == _MAGIC:
            # A frame made in pieces (`Packer`) does not note its size: read as a stream.
            reader = zstandard.ZstdDecompressor().decompressobj()
            out = reader.decompress(data)
            if not reader.eof:
                raise PackError("the compressed data ends early")
            return out
        return zlib.decompress(data)
    except (zstandard.ZstdError, zlib.error) as exc:
        raise PackError(str(exc)) from exc


def unpack_text(data: bytes) -> str:
    """The text `pack_text` compressed."""
    return unpack(data).decode("utf-8")


class Packer:
    """One zstd frame made from blocks given in turn (a report's JSON as it is written)."""

    def __init__(self) -> None:
        self._z = zstandard.ZstdCompressor(level=LEVEL).compressobj()

    def add(self, block: bytes) -> bytes:
        return self._z.compress(block)

    def finish(self) -> bytes:
        return self._z.flush()
