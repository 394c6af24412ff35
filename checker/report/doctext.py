"""A document's text cut into plain runs and marked claims, for the review page's document view.

The page gets data, never HTML built here: each piece is text (escaped by the
template) or a claim with what the hover shows (value, unit, bound, period,
subject, modality) and the findings that quote it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from checker.models import Claim

# Text embedded in one page, over all documents; beyond it a document view lists its claims only.
TEXT_BUDGET = 4_000_000


@dataclass(frozen=True)
class Piece:
    """A run of the text: plain, or a claim (with its hover and the anchors of its findings)."""

    text: str
    claim: Claim | None = None
    tip: str = ""
    findings: tuple[str, ...] = ()


@dataclass
class DocumentText:
    """One document's text as pieces, or None when it did not fit in the page."""

    path: str
    pieces: list[Piece] | None
    claims: list[Claim] = field(default_factory=list)


def tip(c: Claim) -> str:
    """The hover of a marked claim: value, unit, bound, period, subject, modality."""
    unit = c.measure or c.unit
    value = f"{c.value:g}"
    parts = [
        f"value {value} {unit}",
        f"bound {c.bound.value}",
        f"allows {c.interval.describe()}",
        f"period {c.period.label()}" + (f" ({c.period.text})" if c.period.text else ""),
        f"subject {c.subject or '—'}",
        f"modality {c.modality.value}",
    ]
    return " · ".join(parts)


def pieces(text: str, claims: Iterable[Claim], findings: Mapping[str, list[str]]) -> list[Piece]:
    """The text cut at every claim's span; overlapping spans keep the first."""
    out: list[Piece] = []
    at = 0
    for c in sorted(claims, key=lambda c: (c.offset, -c.end)):
        if c.offset < at or c.end > len(text) or c.end <= c.offset:
            continue
        if c.offset > at:
            out.append(Piece(text[at : c.offset]))
        out.append(Piece(text[c.offset : c.end], c, tip(c), tuple(findings.get(c.ident, ()))))
        at = c.end
    if at < len(text):
        out.append(Piece(text[at:]))
    return out


def document_texts(
    texts: Mapping[str, str],
    claims: Mapping[str, list[Claim]],
    findings: Mapping[str, list[str]],
    budget: int = TEXT_BUDGET,
) -> dict[str, DocumentText]:
    """Each document's pieces, documents with findings first, while the text budget lasts."""
    flagged = {ident.rsplit(":", 2)[0] for ident in findings}
    order = sorted(texts, key=lambda p: (p not in flagged, p))
    out: dict[str, DocumentText] = {}
    left = budget
    for path in order:
        text = texts[path]
        fits = len(text) <= left
        left -= len(text) if fits else 0
        own = claims.get(path, [])
        out[path] = DocumentText(path, pieces(text, own, findings) if fits else None, own)
    return out
