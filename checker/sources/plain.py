"""Plain text and Markdown: decoded bytes, line ends made uniform."""

from __future__ import annotations

from checker.sources.decode import decode_bytes
from checker.sources.extracted import Extracted


def read(name: str, data: bytes) -> Extracted:
    """The file's text as written; claims keep its own lines and columns."""
    text, encoding = decode_bytes(name, data)
    # Line ends are normalised so offsets are the same on every platform.
    return Extracted(text=text.replace("\r\n", "\n").replace("\r", "\n"), encoding=encoding)
