"""Pydantic models: the contract between pipeline stages (one module per kind of thing).

source → Document → Claim → (store) → Group → Finding → Report.  Every stage
takes and returns these models, so a stage can be replaced (or run on another
machine) without the others noticing.
"""

from checker.models.claims import Claim, ClaimRef, Modality
from checker.models.documents import (
    DateSource,
    Document,
    DocumentMeta,
    PartialDate,
    Period,
    PeriodKind,
    ReadError,
)
from checker.models.findings import Finding, FindingStatus, Group, GroupStatus, Related, Severity
from checker.models.relations import (
    Extraction,
    GrowthRelation,
    HeadlineRelation,
    ListRelation,
    Part,
    Relation,
    Restatement,
    Section,
    SectionsRelation,
    TotalRelation,
    relation_claims,
)
from checker.models.report import DocumentSummary, Report, RunInfo, Summary, Timeline, TimelinePoint
from checker.models.values import Bound, Interval

__all__ = [
    "Bound",
    "Claim",
    "ClaimRef",
    "DateSource",
    "Document",
    "DocumentMeta",
    "DocumentSummary",
    "Extraction",
    "Finding",
    "FindingStatus",
    "Group",
    "GroupStatus",
    "GrowthRelation",
    "HeadlineRelation",
    "Interval",
    "ListRelation",
    "Modality",
    "Part",
    "PartialDate",
    "Period",
    "PeriodKind",
    "ReadError",
    "Related",
    "Relation",
    "Report",
    "Restatement",
    "RunInfo",
    "Section",
    "SectionsRelation",
    "Severity",
    "Summary",
    "Timeline",
    "TimelinePoint",
    "TotalRelation",
    "relation_claims",
]
