"""What every format reader gives back: the text checker reads, its metadata, where pages and paragraphs start.

A reader is a function `read(name, data) -> Extracted` in a module of its own
(`plain`, `webpage`, `pdf`, `word`); `checker.sources.read` picks it by the
file's suffix.  `text` is the exact text claims are found in: a claim's `text`
is always a slice of it, and its line and column count in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Final, Protocol

from checker.models import DocumentMeta, PartialDate


@dataclass(frozen=True, slots=True)
class Extracted:
    """A file's readable text and what the format says about it."""

    text: str
    encoding: str = "utf-8"
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    # Offsets in `text` where each page (PDF) and each paragraph starts, in order; empty when none.
    pages: tuple[int, ...] = ()
    paragraphs: tuple[int, ...] = ()


class Reader(Protocol):
    """A format's reader: raises SourceError naming the file for anything a user must fix."""

    def __call__(self, name: str, data: bytes) -> Extracted: ...


def join_blocks(blocks: list[str]) -> tuple[str, tuple[int, ...]]:
    """Blocks (paragraphs, table rows) one a line, and the offset where each starts.

    Empty blocks are dropped, so paragraph numbers count what a reader sees.
    """
    kept = [b for b in (" ".join(block.split("\n")) for block in blocks) if b.strip()]
    starts: list[int] = []
    pos = 0
    for block in kept:
        starts.append(pos)
        pos += len(block) + 1
    return "\n".join(kept), tuple(starts)


def line_starts(text: str) -> tuple[int, ...]:
    """The offset of every non-blank line: the paragraphs of text laid out one a line."""
    starts: list[int] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(pos)
        pos += len(line) + 1
    return tuple(starts)


_ISO_RE: Final[re.Pattern[str]] = re.compile(r"(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?")


def partial_date(value: str | date | datetime | None) -> PartialDate | None:
    """A date from a datetime, an ISO string ("2024-06-07") or a PDF date ("D:20240607…"); None if none."""
    if value is None:
        return None
    if isinstance(value, date):
        return PartialDate(year=value.year, month=value.month, day=value.day)
    m = _ISO_RE.search(value.removeprefix("D:"))
    if m is None:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    if year is None or not 1 <= year <= 9999 or (month is not None and not 1 <= month <= 12):
        return None
    if day is not None and not 1 <= day <= 31:
        day = None
    return PartialDate(year=year, month=month, day=day if month is not None else None)
