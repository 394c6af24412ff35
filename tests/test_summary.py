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
