"""The report of a run: summary counts, documents, groups, findings, errors."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from checker.models.claims import Modality
from checker.models.documents import DateSource, Period, ReadError
from checker.models.findings import Finding, Group, Severity
from checker.models.values import Bound


class DocumentSummary(BaseModel):
    """One document as the report lists it."""

    # Never changed once made: what is made of it is kept by its identity (models/reuse.py).
    model_config = ConfigDict(frozen=True)

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


class TimelinePoint(BaseModel):
    """One figure of a fact as one report states it: what, for when, how sure, where, and when said."""

    # Frozen: a run takes unchanged claims' points from the last run's (match/timeline.py), and the
    # report's JSON of a timeline is kept by its points' identity (models/reuse.py).
    model_config = ConfigDict(frozen=True)

    value: float
    unit: str
    measure: str | None = None
    bound: Bound = Bound.EQ
    text: str
    period: Period
    modality: Modality
    path: str
    line: int
    date: str | None = Field(default=None, description="the stating document's date (ISO, to its precision)")


class Timeline(BaseModel):
    """Everything the reports said about one fact subject, ordered by the period it holds for."""

    model_config = ConfigDict(frozen=True)  # as DocumentSummary

    subject: str
    unit: str
    measure: str | None = None
    qualifiers: list[str] = Field(default_factory=list)
    documents: int = 0
    points: list[TimelinePoint]


class FactSheetInfo(BaseModel):
    """A fact sheet the run held reports to: its name (as findings cite it), file, title and source."""

    name: str
    file: str
    title: str = ""
    source: str = ""
    year: int | None = None


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
    timelines: list[Timeline] = Field(
        default_factory=list,
        description="each fact subject stated by two or more reports, its values by period",
    )
    fact_sheets: list[FactSheetInfo] = Field(
        default_factory=list, description="the fact sheets the reference rule read, with their sources"
    )

    @property
    def has_errors(self) -> bool:
        return any(
            f.severity is Severity.ERROR and not f.passed and f.status != "accepted" for f in self.findings
        )
