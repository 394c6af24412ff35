"""Pydantic models: the contract between pipeline stages.

source → Document → Claim → (store) → Group → Finding → Report.  Every stage
takes and returns these models, so a stage can be replaced (or run on another
machine) without the others noticing.
"""

from __future__ import annotations

import hashlib
import math
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Bound(StrEnum):
    """How the stated figure bounds the true value."""

    EQ = "="
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    APPROX = "~"
    RANGE = "range"


class Severity(StrEnum):
    """How much a finding matters: errors fail the check (exit status 1)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Modality(StrEnum):
    """Whether a figure is a goal, an achieved result, or plainly reported."""

    TARGET = "target"
    ACHIEVED = "achieved"
    REPORTED = "reported"


class Interval(BaseModel):
    """A set of real numbers, possibly unbounded or open at either end."""

    model_config = ConfigDict(frozen=True)

    lower: float | None = None
    upper: float | None = None
    lower_closed: bool = True
    upper_closed: bool = True

    def overlaps(self, other: Interval) -> bool:
        """True when some number lies in both intervals."""
        lo, lo_closed = _max_lower(self, other)
        hi, hi_closed = _min_upper(self, other)
        if lo is None or hi is None:
            return True
        if lo < hi:
            return True
        return lo == hi and lo_closed and hi_closed

    def intersect(self, other: Interval) -> Interval:
        """The numbers in both intervals (call only when they overlap)."""
        lo, lo_closed = _max_lower(self, other)
        hi, hi_closed = _min_upper(self, other)
        return Interval(lower=lo, upper=hi, lower_closed=lo_closed, upper_closed=hi_closed)

    def contains(self, x: float) -> bool:
        if self.lower is not None and (x < self.lower or (x == self.lower and not self.lower_closed)):
            return False
        return not (
            self.upper is not None and (x > self.upper or (x == self.upper and not self.upper_closed))
        )

    def scaled(self, factor: float) -> Interval:
        """The interval multiplied by a positive factor (a unit conversion)."""
        return Interval(
            lower=None if self.lower is None else self.lower * factor,
            upper=None if self.upper is None else self.upper * factor,
            lower_closed=self.lower_closed,
            upper_closed=self.upper_closed,
        )

    def describe(self) -> str:
        if self.lower is None and self.upper is None:
            return "(-inf, inf)"
        left = "[" if self.lower_closed and self.lower is not None else "("
        right = "]" if self.upper_closed and self.upper is not None else ")"
        lo = "-inf" if self.lower is None else _fmt(self.lower)
        hi = "inf" if self.upper is None else _fmt(self.upper)
        return f"{left}{lo}, {hi}{right}"


def _max_lower(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.lower is None:
        return b.lower, b.lower_closed
    if b.lower is None or a.lower > b.lower:
        return a.lower, a.lower_closed
    if b.lower > a.lower:
        return b.lower, b.lower_closed
    return a.lower, a.lower_closed and b.lower_closed


def _min_upper(a: Interval, b: Interval) -> tuple[float | None, bool]:
    if a.upper is None:
        return b.upper, b.upper_closed
    if b.upper is None or a.upper < b.upper:
        return a.upper, a.upper_closed
    if b.upper < a.upper:
        return b.upper, b.upper_closed
    return a.upper, a.upper_closed and b.upper_closed


def _fmt(x: float) -> str:
    if math.isfinite(x) and x == int(x) and abs(x) < 1e16:
        return str(int(x))
    return f"{x:.6g}"


class ReadError(BaseModel):
    """A problem met while reading one source file."""

    path: str
    message: str
    line: int | None = None


class Document(BaseModel):
    """One decoded source file.  Extraction is a pure function of this model."""

    model_config = ConfigDict(frozen=True)

    path: str = Field(description="Path as given on the command line, relative where possible, with /.")
    text: str
    sha256: str
    encoding: str = "utf-8"
    size: int = 0
    mtime: float = 0.0

    @staticmethod
    def hash_bytes(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()


class Claim(BaseModel):
    """A numeric statement found in a document, with its exact place.

    `value` is the stated figure in `unit` (70000 for "7万个"); `lower`/`upper`
    is the interval the statement allows once its bound word and its written
    precision are taken into account.
    """

    model_config = ConfigDict(frozen=True)

    path: str
    line: int = Field(ge=1, description="1-based line of the span's first character in the original file")
    column: int = Field(ge=1, description="1-based column of that character")
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1, description="1-based column just past the span's last character")
    offset: int = Field(ge=0, description="character offset of the span in the decoded text")
    end: int = Field(ge=0, description="exclusive end offset")
    text: str = Field(description="the exact original span, OCR breaks and spaces kept")
    value: float
    unit: str = Field(description="canonical unit: km, count, percent, CNY, hour, day, point, ratio, ...")
    measure: str | None = Field(
        default=None, description="for counts, the measure word as written (个, 项, 家)"
    )
    bound: Bound = Bound.EQ
    lower: float | None = None
    upper: float | None = None
    lower_closed: bool = True
    upper_closed: bool = True
    subject: str = Field(default="", description="the phrase the figure measures")
    kind: str = Field(default="quantity", description="count, amount, percent, length, duration, score, ...")
    time_scope: str | None = Field(default=None, description="2024年度, 到2025年, 2018年以来, ...")
    year: int | None = Field(default=None, description="the year the figure refers to, when stated")
    modality: Modality = Modality.REPORTED
    qualifiers: list[str] = Field(default_factory=list, description="words that set look-alikes apart")
    sentence: str = Field(default="", description="the sentence around the claim, normalised, for excerpts")
    sentence_offset: int = Field(
        default=0, description="index of the claim's first character within `sentence`"
    )

    @property
    def interval(self) -> Interval:
        return Interval(
            lower=self.lower, upper=self.upper, lower_closed=self.lower_closed, upper_closed=self.upper_closed
        )

    @property
    def ident(self) -> str:
        """Identity within a run: document and character span."""
        return f"{self.path}:{self.offset}:{self.end}"

    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class ClaimRef(BaseModel):
    """A claim as quoted in a finding or group: enough to find and read it."""

    path: str
    line: int
    column: int
    text: str
    value: float
    unit: str
    measure: str | None = None
    bound: Bound = Bound.EQ
    lower: float | None = None
    upper: float | None = None
    subject: str = ""
    sentence: str = ""
    role: str | None = Field(
        default=None, description="what the claim is in the check: total, part, start, ..."
    )

    @classmethod
    def of(cls, claim: Claim, role: str | None = None) -> ClaimRef:
        return cls(
            path=claim.path,
            line=claim.line,
            column=claim.column,
            text=claim.text,
            value=claim.value,
            unit=claim.unit,
            measure=claim.measure,
            bound=claim.bound,
            lower=claim.lower,
            upper=claim.upper,
            subject=claim.subject,
            sentence=claim.sentence,
            role=role,
        )


GroupStatus = Literal["corroborated", "conflict", "disputed", "single"]


class Group(BaseModel):
    """Claims that state the same fact, possibly across documents."""

    key: str = Field(description="stable identity of the fact: subject, unit, measure, scope")
    subject: str
    unit: str
    measure: str | None = None
    time_scope: str | None = None
    status: GroupStatus
    documents: list[str]
    claims: list[ClaimRef]


FindingStatus = Literal["new", "persisting", "accepted"]


class Finding(BaseModel):
    """The outcome of one check: a discrepancy, or (severity info) a confirmation."""

    rule: str
    severity: Severity
    message: str
    claims: list[ClaimRef]
    fingerprint: str = ""
    fact: str = Field(default="", description="what was checked, in words: the subject or the arithmetic")
    passed: bool = Field(default=False, description="True when the check held (reported so reviewers see it)")
    status: FindingStatus = "new"
    accepted_reason: str | None = None

    @staticmethod
    def make_fingerprint(rule: str, fact: str, documents: list[str]) -> str:
        """Stable across unrelated edits: rule, fact and document identities, never line numbers."""
        payload = "\x1f".join([rule, fact, *sorted(set(documents))])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


class DocumentSummary(BaseModel):
    """One document as the report lists it."""

    path: str
    claims: int = 0
    sha256: str | None = None
    encoding: str | None = None
    errors: list[str] = Field(default_factory=list)


class RunInfo(BaseModel):
    """When and why a run happened, over which paths."""

    id: int | None = None
    started: datetime
    finished: datetime | None = None
    paths: list[str] = Field(default_factory=list)
    trigger: str = "check"
    documents_read: int = 0
    documents_extracted: int = 0


class Summary(BaseModel):
    """The counts at the top of every report."""

    documents: int = 0
    claims: int = 0
    groups: int = 0
    corroborated: int = 0
    conflicts: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    checks_passed: int = 0
    new: int = 0
    persisting: int = 0
    resolved: int = 0
    accepted: int = 0


class Report(BaseModel):
    """Everything a run found: the JSON report is this model, dumped."""

    version: int = 1
    run: RunInfo
    summary: Summary
    documents: list[DocumentSummary]
    groups: list[Group]
    findings: list[Finding]
    resolved: list[Finding] = Field(default_factory=list, description="findings of the previous run now gone")
    errors: list[ReadError] = Field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(
            f.severity is Severity.ERROR and not f.passed and f.status != "accepted" for f in self.findings
        )
