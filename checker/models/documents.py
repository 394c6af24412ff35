"""Documents and what is known of them: metadata, dates, periods, read errors."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ReadError(BaseModel):
    """A problem met while reading one source file."""

    path: str
    message: str
    line: int | None = None


class PartialDate(BaseModel):
    """A date known to a year, a month or a day ("2024", "2024-06", "2024-06-05")."""

    model_config = ConfigDict(frozen=True)

    year: int = Field(ge=1, le=9999)
    month: int | None = Field(default=None, ge=1, le=12)
    day: int | None = Field(default=None, ge=1, le=31)

    def iso(self) -> str:
        """The date in ISO form to its precision: 2024, 2024-06 or 2024-06-05."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
            if self.day is not None:
                out += f"-{self.day:02d}"
        return out

    def ordinal(self) -> float:
        """A number that orders dates (and measures the gap between them in days, roughly)."""
        return self.year * 365.25 + ((self.month or 6.5) - 1) * 30.44 + (self.day or 15)


DateSource = Literal[
    "front matter", "sidecar", "manifest", "file name", "dateline", "html", "pdf", "docx", "unknown"
]


class DocumentMeta(BaseModel):
    """What is known of a document besides its text: when, where from, what it is.

    Sources, highest first: YAML front matter, a sidecar NAME.meta.yml, a
    folder manifest (sources.csv / sources.yml), the format's own metadata
    (HTML, PDF, Word), a date in the file name, a dateline in the first lines.
    """

    model_config = ConfigDict(frozen=True)

    date: PartialDate | None = None
    date_source: DateSource = "unknown"
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    language: str | None = Field(default=None, description="BCP 47 tag: zh, zh-Hant, en")
    problems: tuple[ReadError, ...] = Field(
        default=(), description="malformed metadata met while reading it (file, field, fix)"
    )
    files: str = Field(
        default="", description="digest of the sidecar and manifest files read for it: a change re-reads it"
    )

    def same_as(self, other: DocumentMeta) -> bool:
        """Equal in what extraction and the report read (not the bookkeeping of where it came from)."""
        skip = {"problems", "files"}
        return self.model_dump(exclude=skip) == other.model_dump(exclude=skip)


class PeriodKind(StrEnum):
    """What a figure's period is: a moment (a stock), a span (a flow), or not known."""

    POINT = "point"
    SPAN = "span"
    UNKNOWN = "unknown"


class Period(BaseModel):
    """When a figure holds, resolved from the text and the document date.

    `start`/`end` are ISO dates ("2023-01-01", "2023-12-31"); a point in time
    has start == end ("截至2023年底": 2023-12-31); a span covers a flow
    ("全年新增": the year; "过去五年": five years).  Unknown when neither the text
    nor the document date says: such a figure never contradicts a figure of a
    known, different period.
    """

    model_config = ConfigDict(frozen=True)

    start: str | None = None
    end: str | None = None
    kind: PeriodKind = PeriodKind.UNKNOWN
    text: str = Field(default="", description="the words that gave the period (今年, 2011—2022年, ...)")
    relative: bool = Field(default=False, description="resolved from a relative word and the document date")

    @property
    def known(self) -> bool:
        return self.start is not None and self.end is not None

    def label(self) -> str:
        if not self.known:
            return "unknown period"
        assert self.start is not None and self.end is not None
        if self.start == self.end:
            return self.start
        if self.start.endswith("-01-01") and self.end.endswith("-12-31"):
            a, b = self.start[:4], self.end[:4]
            return a if a == b else f"{a}–{b}"
        return f"{self.start}–{self.end}"


class Document(BaseModel):
    """One decoded source file.  Extraction is a pure function of this model."""

    model_config = ConfigDict(frozen=True)

    path: str = Field(description="Path as given on the command line, relative where possible, with /.")
    text: str
    sha256: str
    encoding: str = "utf-8"
    size: int = 0
    mtime: float = 0.0
    meta: DocumentMeta = Field(default_factory=DocumentMeta)
    pages: tuple[int, ...] = Field(default=(), description="offsets in `text` where each page starts (PDF)")
    paragraphs: tuple[int, ...] = Field(
        default=(), description="offsets in `text` where each paragraph starts (web pages, Word)"
    )

    @staticmethod
    def hash_bytes(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding the character at `offset`; None for a text without pages."""
        return bisect_right(self.pages, offset) or None

    def paragraph_at(self, offset: int) -> int | None:
        """The 1-based paragraph holding the character at `offset`; None for a text without them."""
        return bisect_right(self.paragraphs, offset) or None
