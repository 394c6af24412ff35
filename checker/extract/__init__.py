"""Extraction: a pure function from a Document to its numeric claims."""

from __future__ import annotations

from checker.models import Claim, Document


def extract(document: Document) -> list[Claim]:
    """Every numeric claim in the document, in text order.

    Pure: depends on nothing but the document, so it can run in a worker
    process or on another machine.
    """
    return []
