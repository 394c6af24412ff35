"""A finished run as both stores keep it: its findings as rows in report order, the rest as one blob.

The findings are most of a report (at 10,000 documents, tens of thousands of
them, each quoting its claims).  They are stored once, as rows of their own
(`ord` is their place in the report), and not again inside the run's report
blob, which holds everything else with an empty findings list.  Stores made
before schema version 5 kept them in both places; such a blob is read as it is.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator

from pydantic import BaseModel

from checker.gcpause import paused_gc
from checker.models import Finding, Report
from checker.models.claims import compact

FindingRow = tuple[int, str, str, str, str, int]


def report_blob(report: Report) -> bytes:
    """The report without its findings, compressed as it is serialised.

    Serialised whole, the groups and timelines of 100,000 documents were gigabytes of JSON held twice (as
    text, then as UTF-8) before compression; in pieces, only the compressed blob is held.
    """
    z = zlib.compressobj(1)
    parts = [z.compress(piece) for piece in _json_pieces(report.model_copy(update={"findings": []}))]
    parts.append(z.flush())
    return b"".join(parts)


def _json_pieces(report: Report) -> Iterator[bytes]:
    """The report's compact JSON, each item of a list of models on its own: what model_dump_json gives."""
    for i, name in enumerate(type(report).model_fields):
        value = getattr(report, name)
        yield (b"{" if i == 0 else b",") + b'"' + name.encode() + b'":'
        if isinstance(value, list) and value and isinstance(value[0], BaseModel):
            for j, item in enumerate(value):
                yield (b"," if j else b"[") + item.__pydantic_serializer__.to_json(item)
            yield b"]"
        else:
            whole = report.__pydantic_serializer__.to_json(report, include={name})
            yield whole[len(name) + 4 : -1]  # {"name":value} -> value
    yield b"}"


def finding_rows(run_id: int, report: Report) -> Iterator[FindingRow]:
    """(run_id, fingerprint, rule, severity, data, ord) for each finding of the report, made as written."""
    for i, f in enumerate(report.findings):
        yield (run_id, f.fingerprint, f.rule, f.severity.value, f.model_dump_json(), i)


def findings_of(rows: list[str]) -> list[Finding]:
    """Findings from their stored JSON, in the order given."""
    with paused_gc():
        findings = [Finding.model_validate_json(data) for data in rows]
    for finding in findings:
        for quote in finding.claims:
            compact(quote)  # the previous run's quotes are most of what a new process holds of it
    return findings


def report_of(blob: bytes, findings: Callable[[], list[Finding]]) -> Report:
    """A stored report, its findings read from their rows unless an older store kept them in the blob."""
    with paused_gc():
        report = Report.model_validate_json(zlib.decompress(blob))
    if not report.findings:
        report.findings = findings()
    return report
