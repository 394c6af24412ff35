"""A finished run as both stores keep it: its report as one compressed blob, its open findings as rows.

The blob is the report's JSON as latest.json holds it, compressed as it is
made (checker/models/reportjson.py).  The findings are most of a report (at
10,000 documents, tens of thousands of them, each quoting its claims), and
most of those are checks that passed; the next run tracks only the others
(new, persisting, resolved: checker/tracking.py), so they are also rows of
their own, read back without the rest (`ord` is their place in the report).
Stores of schema 5 and 6 kept every finding as a row and none in the blob:
such a run is read from its rows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from pydantic import BaseModel

from checker.gcpause import paused_gc
from checker.models import Finding, Report
from checker.models.claims import compact
from checker.packing import unpack


class _Head(BaseModel):
    """What tracking reads of a stored finding (the rest of its JSON is skipped, not made into models)."""

    fingerprint: str = ""
    status: str = "new"


def findings_of(rows: list[str], only: Collection[str] | None = None) -> list[Finding]:
    """Findings from their stored JSON, in the order given; `only`: those of these fingerprints."""
    if only is not None:
        rows = [data for data in rows if _Head.model_validate_json(data).fingerprint in only]
    with paused_gc():
        return _compacted([Finding.model_validate_json(data) for data in rows])


def heads_of(rows: list[str]) -> list[tuple[str, str]]:
    """Each stored finding's fingerprint and status, in the order given."""
    return [(head.fingerprint, head.status) for head in map(_Head.model_validate_json, rows)]


def _compacted(findings: list[Finding]) -> list[Finding]:
    for finding in findings:
        for quote in finding.claims:
            compact(quote)  # the previous run's quotes are most of what a new process holds of it
    return findings


def report_of(blob: bytes, rows: Callable[[], list[str]]) -> Report:
    """A stored report, its findings read from their rows only when the blob has none (schema 5 and 6)."""
    with paused_gc():
        report = Report.model_validate_json(unpack(blob))
    if report.findings:
        _compacted(report.findings)
    else:
        report.findings = findings_of(rows())
    return report
