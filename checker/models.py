"""Pydantic models: the contract between pipeline stages.

source → Document → Claim → (store) → Group → Finding → Report.  Every stage
takes and returns these models, so a stage can be replaced (or run on another
machine) without the others noticing.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_right
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

# Digits and Chinese numerals: taken out of a claim's surroundings when it is identified.
_FIGURES = re.compile(r"[\d.,，零〇一二两三四五六七八九十百千万亿]+")


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
    """Whether a figure is an outcome, a goal or plan, or an estimate.

    `reported` is an outcome (what happened); `achieved` an outcome the text
    marks as reached (已, 累计, 完成); `target` a goal or plan (预期目标, 力争, 计划, 拟,
    将, 要, 到20XX年达到); `estimate` a forecast or estimate (预计, 估计).  A target
    never contradicts an outcome.
    """

    TARGET = "target"
    ACHIEVED = "achieved"
    REPORTED = "reported"
    ESTIMATE = "estimate"

    @property
    def is_outcome(self) -> bool:
        return self in (Modality.REPORTED, Modality.ACHIEVED)


class Interval(BaseModel):
    """A set of real numbers, possibly unbounded or open at either end.

    The one interval of the project: the extractor makes it for every claim
    (bound word and written precision included), every rule and the fact sheet
    judge with it.  `precision` is the place value of the last written digit
    (0.01 for "9.26%", 1e4 for "7万"); `exact` marks a figure that has no
    rounding, such as a plain count of things ("19个" is 19, not 18.5–19.5).
    """

    model_config = ConfigDict(frozen=True)

    lower: float | None = None
    upper: float | None = None
    lower_closed: bool = True
    upper_closed: bool = True
    precision: float = Field(default=0.0, ge=0, description="place value of the last written digit")
    exact: bool = Field(default=False, description="no rounding: a whole count of things")

    @classmethod
    def point(cls, value: float) -> Interval:
        return cls(lower=value, upper=value, exact=True)

    @property
    def finite(self) -> bool:
        return self.lower is not None and self.upper is not None

    def __add__(self, other: Interval) -> Interval:
        """Every sum of a number of each (parts adding up to a total)."""
        return Interval(
            lower=None if self.lower is None or other.lower is None else self.lower + other.lower,
            upper=None if self.upper is None or other.upper is None else self.upper + other.upper,
            lower_closed=self.lower_closed and other.lower_closed,
            upper_closed=self.upper_closed and other.upper_closed,
            exact=self.exact and other.exact,
        )

    def __neg__(self) -> Interval:
        return Interval(
            lower=None if self.upper is None else -self.upper,
            upper=None if self.lower is None else -self.lower,
            lower_closed=self.upper_closed,
            upper_closed=self.lower_closed,
            precision=self.precision,
            exact=self.exact,
        )

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def times(self, k: float) -> Interval:
        """The interval multiplied by any factor (negative flips it)."""
        return self.scaled(k) if k >= 0 else (-self).scaled(-k)

    def near(self, other: Interval, slack: float = 0.0) -> bool:
        """Overlap allowing an absolute slack and a relative epsilon for float noise."""
        ref = next((abs(x) for x in (self.lower, self.upper) if x is not None), 1.0)
        tol = slack + 1e-9 * max(1.0, ref)
        widened = Interval(
            lower=None if self.lower is None else self.lower - tol,
            upper=None if self.upper is None else self.upper + tol,
        )
        return widened.overlaps(other)

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
            precision=self.precision * factor,
            exact=self.exact,
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


class Claim(BaseModel):
    """A numeric statement found in a document, with its exact place.

    `value` is the stated figure in `unit` (70000 for "7万个"); `interval` is
    what the statement allows once its bound word and its written precision
    are taken into account (a plain count of things is exact: "19个" is 19).
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
    interval: Interval = Field(default_factory=Interval, description="the values the statement allows")
    subject: str = Field(default="", description="the phrase the figure measures")
    kind: str = Field(default="quantity", description="count, amount, percent, length, duration, score, ...")
    time_scope: str | None = Field(default=None, description="2024年度, 到2025年, 2018年以来, ...")
    year: int | None = Field(default=None, description="the year the figure refers to, when stated")
    modality: Modality = Modality.REPORTED
    period: Period = Field(default_factory=Period, description="when the figure holds")
    qualifiers: list[str] = Field(default_factory=list, description="words that set look-alikes apart")
    sentence: str = Field(default="", description="the sentence around the claim, normalised, for excerpts")
    sentence_offset: int = Field(
        default=0, description="index of the claim's first character within `sentence`"
    )
    sentence_end: int = Field(
        default=0, description="index just past the claim's last character in `sentence`"
    )
    page: int | None = Field(default=None, ge=1, description="1-based page of a paged document (PDF)")
    paragraph: int | None = Field(
        default=None, ge=1, description="1-based paragraph of a web page or Word file"
    )

    @property
    def figure(self) -> Interval:
        """The written figure with its rounding, bound word ignored ("不超过144小时" → [143.5, 144.5])."""
        iv = self.interval
        if iv.exact or self.bound in (Bound.EQ, Bound.RANGE):
            return iv
        half = iv.precision / 2
        return Interval(lower=self.value - half, upper=self.value + half, precision=iv.precision)

    @property
    def ident(self) -> str:
        """Identity within a run: document and character span (relations name claims by it)."""
        return f"{self.path}:{self.offset}:{self.end}"

    @property
    def id(self) -> str:
        return self.ident

    @property
    def key(self) -> str:
        """The claim's identity by its place in words: the words around it in its sentence.

        Never offsets or line numbers (an unrelated paragraph added above changes
        neither), never the figures (a changed figure is the same claim with
        another value, so a finding about it keeps its fingerprint), and not the
        path: fingerprints add the documents themselves, so a renamed file's
        findings can be followed.
        """
        before = _FIGURES.sub("#", self.sentence[: self.sentence_offset])
        after = _FIGURES.sub("#", self.sentence[self.sentence_end :])
        payload = "\x1f".join([before, after])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]

    def where(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


class Part(BaseModel):
    """A part of a total: a claim, counted `times` times ("上海、江苏、浙江各1个" counts 3 times)."""

    model_config = ConfigDict(frozen=True)

    claim: str
    times: int = Field(default=1, ge=1)


class TotalRelation(BaseModel):
    """Parts that the text says add up to a total.

    `sum`: parts joined by 加上/和/、/plus before a marked total ("14个……加上5个联盟共有19个");
    `breakdown`: a marked total, then 其中/分别/of which and its parts.  `restated`
    are other totals of the same noun in the document that must equal it too.
    """

    model_config = ConfigDict(frozen=True)

    type: Literal["total"] = "total"
    path: str
    shape: Literal["sum", "breakdown"]
    totals: list[str]
    parts: list[Part]
    restated: list[str] = Field(default_factory=list)
    noun: str = ""


class Section(BaseModel):
    """A numbered section and the count it states ("九、着力提升安全发展能力 / 共有13项重点任务")."""

    model_config = ConfigDict(frozen=True)

    number: int
    heading: str
    claim: str


class SectionsRelation(BaseModel):
    """Numbered sections, each with its own count, and the document's headline total(s) of that noun.

    `stated_sections` are figures saying how many sections there are ("九个方面").
    `unit` is the unit key the counts share.
    """

    model_config = ConfigDict(frozen=True)

    type: Literal["sections"] = "sections"
    path: str
    noun: str
    unit: str
    sections: list[Section]
    totals: list[str] = Field(default_factory=list)
    stated_sections: list[str] = Field(default_factory=list)


class HeadlineRelation(BaseModel):
    """A headline total stated beside a number of sections ("九个方面，共165项重点任务").

    Another report's numbered sections of the same noun are held to it.
    """

    model_config = ConfigDict(frozen=True)

    type: Literal["headline"] = "headline"
    path: str
    total: str
    noun: str
    unit: str
    stated_sections: list[str] = Field(
        default_factory=list, description="the figures saying how many sections"
    )


class GrowthRelation(BaseModel):
    """A start, an end and a stated rate or increase between them.

    `measure` is `annual` (年均, average annual) or `change` (增长, 提高, up).
    `start` is None when the start figure is in another report: the rule looks
    up the same fact's figure for `start_year` there.  `difference` is a stated
    increase between the two ("新增2978公里").
    """

    model_config = ConfigDict(frozen=True)

    type: Literal["growth"] = "growth"
    path: str
    measure: Literal["annual", "change"]
    rate: str | None = None
    down: bool = False
    start: str | None = None
    end: str
    start_year: int | None = None
    end_year: int | None = None
    difference: str | None = None
    difference_down: bool = False
    subject: str = ""


class ListRelation(BaseModel):
    """A count and the items it introduces ("9家企业：A、B、…", "5个联盟分别是：A；B；…")."""

    model_config = ConfigDict(frozen=True)

    type: Literal["list"] = "list"
    path: str
    count: str
    items: list[str]
    open_ended: bool = Field(default=False, description="等 or 包括: the list need not be complete")
    noun: str = ""


class Restatement(BaseModel):
    """One quantity said twice in different units ("144小时（6天）", 即, 合, 相当于, "or")."""

    model_config = ConfigDict(frozen=True)

    type: Literal["restatement"] = "restatement"
    path: str
    stated: str
    restated: str
    how: Literal["restated", "nearby"] = "restated"


Relation = Annotated[
    TotalRelation | SectionsRelation | HeadlineRelation | GrowthRelation | ListRelation | Restatement,
    Field(discriminator="type"),
]


def relation_claims(relation: Relation) -> list[str]:
    """The ids of every claim a relation names."""
    if isinstance(relation, TotalRelation):
        return [*relation.totals, *(p.claim for p in relation.parts), *relation.restated]
    if isinstance(relation, SectionsRelation):
        return [*(s.claim for s in relation.sections), *relation.totals, *relation.stated_sections]
    if isinstance(relation, HeadlineRelation):
        return [relation.total, *relation.stated_sections]
    if isinstance(relation, GrowthRelation):
        ids = [relation.start, relation.end, relation.rate, relation.difference]
        return [i for i in ids if i is not None]
    if isinstance(relation, ListRelation):
        return [relation.count]
    return [relation.stated, relation.restated]


class Extraction(BaseModel):
    """What extraction gives for one document: its claims and the relations between them."""

    claims: list[Claim] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


class ClaimRef(Claim):
    """A claim as quoted in a finding or group, with its role in the check (total, part, start, ...).

    The span's end and offsets default to 0 so findings stored by earlier versions still load.
    """

    end_line: int = 0
    end_column: int = 0
    offset: int = 0
    end: int = 0

    role: str | None = Field(
        default=None, description="what the claim is in the check: total, part, start, ..."
    )

    def place(self) -> str:
        """Page and paragraph in words ("page 2, paragraph 5"); empty for plain text."""
        parts = [
            f"page {self.page}" if self.page else "",
            f"paragraph {self.paragraph}" if self.paragraph else "",
        ]
        return ", ".join(p for p in parts if p)

    @classmethod
    def of(cls, claim: Claim, role: str | None = None) -> ClaimRef:
        # The claim was validated when it was made: copy its fields without validating again.
        return cls.model_construct(**dict(claim), role=role)


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


class Related(BaseModel):
    """Another rule's view of the same mistake, shown with the finding instead of beside it."""

    rule: str
    code: str = ""
    name: str = ""
    message: str
    fingerprint: str = ""


class Finding(BaseModel):
    """The outcome of one check: a discrepancy, or (severity info) a confirmation."""

    rule: str = Field(description="the rule instance's id (a rule file may define several of one kind)")
    code: str = Field(default="", description="the rule kind's stable code, as sqlfluff has them: CK101")
    name: str = Field(default="", description="the rule kind's dotted name: consistency.agree")
    severity: Severity
    message: str
    claims: list[ClaimRef]
    related: list[Related] = Field(
        default_factory=list, description="the same mistake as other rules see it (one mistake, one finding)"
    )
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
    date: str | None = Field(default=None, description="the document's date, ISO, to its precision")
    date_source: DateSource = "unknown"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
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
