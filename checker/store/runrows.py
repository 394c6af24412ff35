"""A finished run as both stores keep it: its findings as rows in report order, the rest as one blob.

The findings are most of a report (at 10,000 documents, tens of thousands of
them, each quoting its claims).  They are stored once, as rows of their own
(`ord` is their place in the report), and not again inside the run's report
blob, which holds everything else with an empty findings list.  Stores made
before schema version 5 kept them in both places; such a blob is read as it is.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from checker.gcpause import paused_gc
from checker.models import Finding, Report

FindingRow = tuple[int, str, str, str, str, int]


def report_blob(report: Report) -> bytes:
    """The report without its findings, compressed (a shallow copy: nothing is serialised twice)."""
    return zlib.compress(report.model_copy(update={"findings": []}).model_dump_json().encode("utf-8"), 1)


def finding_rows(run_id: int, report: Report) -> list[FindingRow]:
    """(run_id, fingerprint, rule, severity, data, ord) for each finding of the report."""
    return [
        (run_id, f.fingerprint, f.rule, f.severity.value, f.model_dump_json(), i)
        for i, f in enumerate(report.findings)
    ]


def findings_of(rows: list[str]) -> list[Finding]:
    """Findings from their stored JSON, in the order given."""
    with paused_gc():
        return [Finding.model_validate_json(data) for data in rows]


def report_of(blob: bytes, findings: Callable[[], list[Finding]]) -> Report:
    """A stored report, its findings read from their rows unless an older store kept them in the blob."""
    with paused_gc():
        report = Report.model_validate_json(zlib.decompress(blob))
    if not report.findings:
        report.findings = findings()
    return report
