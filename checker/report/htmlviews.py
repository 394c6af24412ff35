"""What the review page shows, as plain view objects the template reads (no HTML is built here)."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from checker.models import ClaimRef, DocumentSummary, FactSheetInfo, Finding, Group, Report, Timeline
from checker.report.chart import Chart, chart
from checker.report.doctext import DocumentText, tip
from checker.report.evidence import (
    OddOneOut,
    corroborations,
    figure_text,
    role_words,
)
from checker.report.timerows import TimelineRow, timeline_rows

# Characters of sentence kept either side of the highlighted claim.
EXCERPT_CONTEXT = 80


@dataclass(frozen=True)
class Excerpt:
    """A sentence cut around the claim: `mark` is highlighted; `found` is False when only the text is shown."""

    before: str
    mark: str
    after: str
    found: bool = True


def excerpt(sentence: str, text: str, context: int = EXCERPT_CONTEXT) -> Excerpt:
    r"""Find the claim's text in its sentence and cut the sentence around it.

    Compared with whitespace removed: the claim text keeps the OCR's line breaks
    ("660公 里", "8000\n公里") while the sentence is normalised.  The highlight
    covers the sentence's own characters, whatever spaces they contain.
    """
    needle = "".join(text.split())
    if not needle or not sentence:
        return Excerpt("", " ".join(text.split()), "", found=False)
    kept = [i for i, ch in enumerate(sentence) if not ch.isspace()]
    at = "".join(sentence[i] for i in kept).find(needle)
    if at < 0:
        return Excerpt("", " ".join(text.split()), "", found=False)
    start, end = kept[at], kept[at + len(needle) - 1] + 1
    before, after = sentence[:start], sentence[end:]
    if len(before) > context:
        before = "…" + before[-context:].lstrip()
    if len(after) > context:
        after = after[:context].rstrip() + "…"
    return Excerpt(before, sentence[start:end], after)


def number(value: float) -> str:
    """A figure as people write it: 70000, 9.26, not 70000.0 or 9.260000001."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e16:
        return f"{int(value):,}"
    return f"{value:,.6g}"


@dataclass(frozen=True)
class Links:
    """Where a claim's "in the text" leads: its document's text embedded in this page, or its own page.

    `anchors`: path → the document's anchor on this page (texts embedded);
    `pages`: path → the href of the document's own page (docs/<name>.html);
    `here`: the document whose own page this is (its claims link within it).
    """

    anchors: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    here: str = ""

    def text(self, ref: ClaimRef) -> tuple[str, str]:
        """The href and (for the script of the main page) the id of the text to open."""
        if ref.path == self.here:
            return f"#c-{ref.offset}", ""
        if page := self.pages.get(ref.path):
            return f"{page}#c-{ref.offset}", ""
        if anchor := self.anchors.get(ref.path):
            return f"#text-{anchor}", f"text-{anchor}"
        return "", ""


@dataclass
class ClaimView:
    """A claim as a card: where it is, what it says, the excerpt, its role in words and its hover."""

    ref: ClaimRef
    excerpt: Excerpt
    figure: str
    role: str = ""
    tip: str = ""
    odd: bool = False
    text_href: str = ""
    text_target: str = ""


@dataclass
class FindingView:
    """A row of the findings table, the claims it opens to, and what explains it."""

    anchor: str
    finding: Finding
    documents: list[str]
    claims: list[ClaimView]
    odd: OddOneOut | None = None
    sheet: FactSheetInfo | None = None
    more: int = 0  # the finding's quotes not among `claims`
    whole: bool = True  # False: a document's page shows only what that document's edits change (docshown.py)
    # A document's page: the claim cards already made (report/cards.py; another document's card is made
    # once for every page that shows it), in place of `claims`.
    cards: list[Markup] = field(default_factory=list)

    @property
    def documents_json(self) -> str:
        return json.dumps(self.documents, ensure_ascii=False)


@dataclass
class FactView:
    """A corroborated fact: the figure that agreed and, per document, the claims stating it."""

    group: Group
    figures: str
    by_document: dict[str, list[ClaimView]]


@dataclass
class DocumentView:
    """One document: its metadata, findings, corroborated facts and (when it fits) its marked text."""

    summary: DocumentSummary
    anchor: str
    lang: str
    findings: list[FindingView] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    text: DocumentText | None = None
    page: str = ""


@dataclass
class TimelineView:
    """A fact subject's figures by period across documents: its table's rows and its chart."""

    timeline: Timeline
    rows: list[TimelineRow]
    chart: Chart
    anchor: str

    @classmethod
    def of(cls, timeline: Timeline, anchor: str) -> TimelineView:
        rows = timeline_rows(timeline)
        return cls(timeline, rows, chart(rows), anchor)


def claim_view(ref: ClaimRef, odd: OddOneOut | None = None, links: Links | None = None) -> ClaimView:
    """A claim card; `odd` marks the odd one out, `links` leads to its document's text."""
    unit = ref.measure or ref.unit
    href, target = (links or Links()).text(ref)
    return ClaimView(
        ref=ref,
        excerpt=excerpt(ref.sentence, ref.text),
        figure=f"{number(ref.value)} {unit}",
        role=role_words(ref.role),
        tip=tip(ref),
        odd=odd is not None and ref.path == odd.path,
        text_href=href,
        text_target=target,
    )


def fact_views(groups: list[Group], links: Links, cap: int | None = None) -> tuple[list[FactView], int]:
    """Corroborated facts with only the figures that agreed (none left: not listed); the first `cap`.

    Also how many more there are: at 10,000 documents building every fact's cards costs seconds.
    """
    agreed_groups = corroborations(groups)
    views = []
    for g, agreed in agreed_groups[:cap]:
        by_document: dict[str, list[ClaimView]] = defaultdict(list)
        for c in agreed:
            by_document[c.path].append(claim_view(c, links=links))
        views.append(FactView(g, figure_text(agreed), dict(sorted(by_document.items()))))
    return views, len(agreed_groups) - len(views)


def document_anchors(report: Report) -> dict[str, str]:
    """Each document path → the id of its place on the page."""
    return {d.path: f"doc-{i}" for i, d in enumerate(report.documents, 1)}


def document_views(
    report: Report,
    problems: list[FindingView],
    texts: dict[str, DocumentText],
    pages: dict[str, str] | None = None,
    *,
    facts: dict[str, list[str]],
    cap: int | None = None,
) -> tuple[list[DocumentView], int]:
    """The documents the page lists (with findings, facts agreed on, text or page) and how many it leaves out.

    All, or over `cap` those with findings first, `cap` of them: only those are viewed (at 10,000
    documents, a view of each was a third of the page's making).  `facts`: each document's corroborated
    subjects (report/docpages.py `facts_by_document`, or the documents' page plan's).
    """
    pages = pages or {}
    quoting: dict[str, list[FindingView]] = defaultdict(list)
    for fv in problems:
        for path in fv.documents:
            quoting[path].append(fv)
    numbered = list(enumerate(report.documents, 1))
    if cap is not None and len(numbered) > cap:
        numbered = [n for n in numbered if n[1].path in quoting] + [
            n for n in numbered if n[1].path not in quoting
        ]
    listed = numbered if cap is None else numbered[:cap]
    views = [
        DocumentView(
            d, f"doc-{i}", d.language or "und", list(quoting.get(d.path, ())), list(facts.get(d.path, ())),
            texts.get(d.path), pages.get(d.path, ""),
        )
        for i, d in listed
    ]  # fmt: skip
    return views, len(report.documents) - len(listed)
