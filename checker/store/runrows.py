"""A finished run as both stores keep it: its open findings as rows, the rest as one compressed blob.

The findings are most of a report (at 10,000 documents, tens of thousands of
them, each quoting its claims), and most of those are checks that passed.  The
next run tracks only the others (new, persisting, resolved: checker/tracking.py),
so only they are rows of their own, read back alone (`ord` is their place in
the report); the passed checks stay in the run's report blob, in report order,
with everything else, and fill the places the rows leave free when the whole
report is read back.  Each finding is stored once.  Stores of schema 5 and 6
kept every finding as a row and none in the blob; before schema 5 the blob held
them all and the rows had no place: both are read as they were written.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator

from pydantic import BaseModel

from checker.gcpause import paused_gc
from checker.models import Finding, Report
from checker.models.claims import compact

FindingRow = tuple[int, str, str, str, str, int]
# A stored finding row as read back: its place in the report (None before schema 5) and its JSON.
StoredRow = tuple[int | None, str]


def report_blob(report: Report) -> bytes:
    """The report with only its passed checks for findings, compressed as it is serialised.

    Serialised whole, the groups and timelines of 100,000 documents were gigabytes of JSON held twice (as
    text, then as UTF-8) before compression; in pieces, only the compressed blob is held.
    """
    z = zlib.compressobj(1)
    passed = [f for f in report.findings if f.passed]
    parts = [z.compress(piece) for piece in _json_pieces(report.model_copy(update={"findings": passed}))]
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
    """(run_id, fingerprint, rule, severity, data, ord) for each finding that did not pass, made as written."""
    for i, f in enumerate(report.findings):
        if not f.passed:
            yield (run_id, f.fingerprint, f.rule, f.severity.value, f.model_dump_json(), i)


def findings_of(rows: list[str]) -> list[Finding]:
    """Findings from their stored JSON, in the order given."""
    with paused_gc():
        return _compacted([Finding.model_validate_json(data) for data in rows])


def _compacted(findings: list[Finding]) -> list[Finding]:
    for finding in findings:
        for quote in finding.claims:
            compact(quote)  # the previous run's quotes are most of what a new process holds of it
    return findings


def report_of(blob: bytes, rows: Callable[[], list[StoredRow]]) -> Report:
    """A stored report: the rows' findings in their places, the blob's passed checks in the places between."""
    with paused_gc():
        report = Report.model_validate_json(zlib.decompress(blob))
    stored = rows()
    if any(place is None for place, _ in stored) and report.findings:
        return report  # before schema 5: the blob holds every finding, the rows repeat them
    passed = _compacted(report.findings)
    report.findings = _merged(findings_of([data for _, data in stored]), [p or 0 for p, _ in stored], passed)
    return report


def _merged(rows: list[Finding], places: list[int], passed: list[Finding]) -> list[Finding]:
    """Each row's finding at its place (rows come in place order), the passed checks in order between them."""
    out: list[Finding] = []
    r = p = 0
    while r < len(rows) or p < len(passed):
        if r < len(rows) and (p == len(passed) or places[r] <= len(out)):
            out.append(rows[r])
            r += 1
        else:
            out.append(passed[p])
            p += 1
    return out
