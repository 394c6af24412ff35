"""The report's list of documents (checker/summary.py): an unchanged document keeps its summary object."""

from __future__ import annotations

from datetime import UTC, datetime

from checker.models import ReadError
from checker.store.base import StoredDocument
from checker.summary import Summaries, document_summaries


def _doc(path: str, sha: str = "aa") -> StoredDocument:
    return StoredDocument(path=path, sha256=sha, claims=3, updated=datetime(2026, 1, 1, tzinfo=UTC))


def test_a_document_whose_row_and_error_are_the_same_keeps_its_summary_object() -> None:
    kept: Summaries = {}
    a, b, c = _doc("a.txt"), _doc("b.txt"), _doc("c.txt")
    first = document_summaries({"a.txt": a, "b.txt": b, "c.txt": c}, {}, kept)
    b2 = _doc("b.txt", "bb")  # read again: another row
    errors = {"c.txt": ReadError(path="c.txt", message="not UTF-8")}
    second = document_summaries({"a.txt": a, "b.txt": b2, "c.txt": c}, errors, kept)
    assert second[0] is first[0]
    assert second[1] is not first[1] and second[1].sha256 == "bb"
    assert second[2] is not first[2] and second[2].errors == ["not UTF-8"]
    assert second == document_summaries({"a.txt": a, "b.txt": b2, "c.txt": c}, errors)
    third = document_summaries({"a.txt": a}, {}, kept)
    assert third[0] is first[0] and set(kept) == {"a.txt"}, "a gone document is forgotten"


def test_counts_of_open_accepted_and_passed_findings_and_of_groups() -> None:
    from checker.models import Finding, Group, Severity
    from checker.summary import summarise

    def f(severity: Severity, status: str, passed: bool = False) -> Finding:
        return Finding(rule="agree", severity=severity, message="m", claims=[], status=status, passed=passed)

    findings = [
        f(Severity.ERROR, "new"), f(Severity.ERROR, "persisting"), f(Severity.WARNING, "new"),
        f(Severity.INFO, "persisting"), f(Severity.ERROR, "accepted"), f(Severity.INFO, "new", passed=True),
        f(Severity.ERROR, "new", passed=True),
    ]  # fmt: skip
    groups = [
        Group(key=k, subject="s", unit="km", status=status, documents=docs, claims=[])
        for k, status, docs in [("a", "corroborated", ["x", "y"]), ("b", "conflict", ["x", "y", "z"]),
                                ("c", "single", ["x"]), ("d", "corroborated", ["y", "z"])]
    ]  # fmt: skip
    s = summarise(4, 12, groups, findings, resolved=2)
    assert (s.documents, s.claims, s.groups, s.corroborated, s.conflicts) == (4, 12, 3, 2, 1)
    assert (s.errors, s.warnings, s.infos, s.new, s.persisting) == (2, 1, 1, 2, 2)
    assert (s.checks_passed, s.accepted, s.resolved) == (2, 1, 2)
