"""Extraction: a pure function from a Document to its numeric claims.

normalize (NFKC, Traditional → Simplified, OCR joins, offset map) → scan
(numbers, units, bounds; Chinese and English) → filters (what is not a claim)
→ context (subject, time scope, modality, qualifiers) → Claim, with every span
mapped back to the exact original line, column and offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Final

from checker.errors import ExtractError
from checker.extract import context, english, numbers
from checker.extract.normalize import normalize
from checker.extract.numbers import Figure
from checker.extract.relations import relate
from checker.extract.sections import Sections
from checker.extract.timing import Timing
from checker.extract.version import EXTRACTOR_VERSION
from checker.gcpause import paused_gc
from checker.lazylog import logger
from checker.models import Claim, Document, Extraction, PartialDate
from checker.models.claims import built

# Three or more lines of one or two characters: vertical text or OCR debris, not prose.
_DEBRIS: Final[str] = r"(?:^[^\S\n]*\S{1,2}[^\S\n]*\n(?:[^\S\n]*\n)*){3,}"
_DEBRIS_RE: Final[re.Pattern[str]] = re.compile(_DEBRIS, re.MULTILINE)
# The same after a line break: a literal first character lets the engine skip from break to break in C
# (a pattern opening with ^ is tried at every character); the lookahead, its first line, turns most
# breaks away before the repeat is set up.
_NEXT_DEBRIS_RE: Final[re.Pattern[str]] = re.compile(
    rf"\n(?=[^\S\n]*\S{{1,2}}[^\S\n]*\n)({_DEBRIS})", re.MULTILINE
)


def extract(document: Document) -> Extraction:
    """Every numeric claim in the document, in text order, and the relations between them.

    Pure: depends on nothing but the document, so it can run in a worker
    process or on another machine.  A failure is a bug: it is logged with its
    traceback and raised as an ExtractError naming the document, which the
    pipeline lists as that document's error while the rest is checked.
    """
    try:
        claims = _extract(
            document.text, document.path, document.meta.date, lines_are_paragraphs=bool(document.paragraphs)
        )
        if document.pages or document.paragraphs:
            # Page and paragraph of a PDF, web page or Word file: one bisect each per claim.
            claims = [
                c.model_copy(
                    update={"page": document.page_at(c.offset), "paragraph": document.paragraph_at(c.offset)}
                )
                for c in claims
            ]
        return Extraction(claims=claims, relations=relate(document.path, document.text, claims))
    except Exception as exc:
        logger.opt(exception=exc).error("extraction failed on {}", document.path)
        raise ExtractError(
            document.path, f"extraction failed ({type(exc).__name__}: {exc}); please report this as a bug"
        ) from exc


def extract_text(text: str, path: str = "", *, lines_are_paragraphs: bool = False) -> list[Claim]:
    """Every numeric claim in `text`, reported against `path` (claims only, for tests and the bench)."""
    return _extract(text, path, lines_are_paragraphs=lines_are_paragraphs)


def _debris(text: str) -> list[tuple[int, int]]:
    """The spans `_DEBRIS_RE.finditer(text)` finds.

    A match starts at a line start; the one at the text's start is matched alone, every other
    follows a line break.  None starts right where another ends: its first line would have
    been taken into that one.
    """
    first = _DEBRIS_RE.match(text)
    spans = [first.span()] if first else []
    spans += [m.span(1) for m in _NEXT_DEBRIS_RE.finditer(text, first.end() if first else 0)]
    return spans


def _inside(regions: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect_right(starts, start) - 1
    return i >= 0 and end <= regions[i][1]


def _merge(a: list[Figure], b: list[Figure]) -> list[Figure]:
    """Figures of both scanners in text order; on overlap the first scanner wins."""
    if not b:
        return a
    out: list[Figure] = []
    for fig in sorted([*a, *b], key=lambda f: (f.start, -f.end)):
        if out and fig.start < out[-1].end:
            continue
        out.append(fig)
    return out


# Extraction makes no reference cycles (tests/extract/test_extract_trusted.py): reference counting frees
# all it drops, so a collection during it only walks the claims being made and every object of the process.
@paused_gc()
def _extract(
    text: str, path: str, date: PartialDate | None = None, *, lines_are_paragraphs: bool = False
) -> list[Claim]:
    norm = normalize(text, lines_are_paragraphs=lines_are_paragraphs)
    figures = _merge(numbers.scan(norm.text), english.scan(norm.text))
    if not figures:
        return []
    # figures ascend and do not overlap, so their first and last characters ascend: one pass maps them
    flat = norm.to_original_all([p for f in figures for p in (f.start, f.end - 1)])
    spans = list(zip(flat[::2], [last + 1 for last in flat[1::2]], strict=True))
    debris = _debris(text)
    if debris:
        starts = [lo for lo, _ in debris]
        keep = [not _inside(debris, starts, s, e) for s, e in spans]
        figures = [f for f, k in zip(figures, keep, strict=True) if k]
        spans = [s for s, k in zip(spans, keep, strict=True) if k]
    sections = Sections(norm.translated)
    contexts = context.describe(norm.text, figures, sections, [s for s, _ in spans], Timing.of(norm, date))
    return _claims(text, path, figures, spans, contexts)


def _claims(
    text: str, path: str, figures: list[Figure], spans: list[tuple[int, int]], contexts: list[context.Context]
) -> list[Claim]:
    """Figures and their contexts as claims, each placed by line and column in the original text."""
    claims: list[Claim] = []
    line, line_start, cursor = 1, 0, 0
    for fig, (start, end), ctx in zip(figures, spans, contexts, strict=True):
        # line numbers by counting forward: one pass over the text in C, never back past the last figure
        breaks = text.count("\n", cursor, start)
        if breaks:
            line += breaks
            line_start = text.rfind("\n", cursor, start) + 1
        cursor = start
        last = end - 1
        end_line = line + text.count("\n", start, last)
        end_line_start = text.rfind("\n", start, last) + 1 if end_line != line else line_start
        claims.append(
            _claim(
                {
                    "path": path,
                    "line": line,
                    "column": start - line_start + 1,
                    "end_line": end_line,
                    "end_column": end - end_line_start + 1,
                    "offset": start,
                    "end": end,
                    "text": text[start:end],
                    "value": fig.value,
                    "unit": fig.unit,
                    "measure": fig.measure,
                    "bound": fig.bound,
                    "interval": fig.interval,
                    "subject": ctx.subject,
                    "kind": fig.kind,
                    "time_scope": ctx.time_scope,
                    "year": ctx.year,
                    "modality": ctx.modality,
                    "period": ctx.period,
                    "qualifiers": ctx.qualifiers,
                    "sentence": ctx.sentence,
                    "sentence_offset": ctx.sentence_offset,
                    "sentence_end": ctx.sentence_end,
                }
            )
        )
    return claims


# Fields of a claim the extractor leaves unset: page and paragraph are set by `extract` from the document.
_UNSET: Final[dict[str, object]] = {"page": None, "paragraph": None}


def _claim(fields: dict[str, object]) -> Claim:
    """`Claim(**fields)` without pydantic's validation (models.claims.built).

    The values are typed by the extractor itself (float values, enum bounds, a fresh list of
    qualifiers, frozen models); validating them again was a twentieth of extraction time.
    tests/extract/test_extract_trusted.py checks that every claim of the seeds, cases and
    corpora validates to an equal claim with the same fields set.
    """
    return built(Claim, fields | _UNSET, set(fields))


__all__ = ["EXTRACTOR_VERSION", "extract", "extract_text"]
