"""A document's own page: its text with the claims marked and the findings that quote it (no script)."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from checker import __version__
from checker.models import Claim, DocumentSummary, FactSheetInfo, Finding, Report
from checker.report.docpages import PagePlan
from checker.report.doctext import DocumentText, document_texts
from checker.report.evidence import OddOneOut, fact_sheet, odd_one_out
from checker.report.html import _asset, _page
from checker.report.htmlviews import ClaimView, FindingView, Links, claim_view

# Bump when a page shows something new for the same inputs (the templates are hashed anyway).
PAGE_REVISION = 3
# Quotes of other documents a finding shows on a document's page: a fact reported by 400 documents
# repeated its 1,700 quotes on each of their pages (400 KB each, 390 MB of 594 at 10,000 documents).
OTHERS_SHOWN = 20


@cache
def page_salt(extractor: str) -> str:
    """What every page's digest starts with: the extractor, the page's templates and our version."""
    h = hashlib.sha256(f"{PAGE_REVISION}\x1f{__version__}\x1f{extractor}".encode())
    for name in ("document.html.j2", "macros.html.j2", "report.css"):
        h.update(_asset(name).encode("utf-8"))
    return h.hexdigest()


@cache
def stylesheet() -> tuple[str, str]:
    """The pages' shared CSS file under docs/ (named by its digest; "_" starts no page's name) and its text.

    Inline in each of 10,000 pages it was 10 KB a page: 100 MB of the folder.
    """
    css = _asset("report.css")
    return f"_style.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:16]}.css", css


IndexRow = dict[str, str | int]


def documents_index_rows(report: Report, plan: PagePlan) -> tuple[list[IndexRow], str]:
    """What the list of every document shows, and a digest of it (with its template and stylesheet)."""
    rows: list[IndexRow] = [
        {"path": d.path, "page": plan.names[d.path], "claims": d.claims, "title": d.title or "",
         "findings": len(plan.findings.get(d.path, []))}
        for d in report.documents
    ]  # fmt: skip
    h = hashlib.sha256(f"{PAGE_REVISION}\x1f{__version__}\x1f{stylesheet()[0]}".encode())
    h.update(_asset("documents.html.j2").encode("utf-8"))
    h.update(json.dumps(rows, ensure_ascii=False).encode("utf-8"))
    return rows, h.hexdigest()


def render_documents_index(rows: list[IndexRow]) -> str:
    """The page listing every document, each linked to its own page (they sit beside it)."""
    return _page("documents.html.j2", script=False, linked_css=True, stylesheet=stylesheet()[0], rows=rows)


def shown_at(count: int, own: list[int]) -> list[int]:
    """Positions of a finding's quotes shown on a page: all of its own (`own`), the first few of others'."""
    cut = OTHERS_SHOWN
    for i in own:
        cut += i < cut  # an own quote before the cut is not one of the others'
    return [*range(min(cut, count)), *(i for i in own if i >= cut)]


@dataclass
class _Share:
    """What every page listing one finding shows alike."""

    odd: OddOneOut | None
    sheet: FactSheetInfo | None
    at: dict[str, list[int]]  # path → the positions of its quotes
    cards: dict[int, ClaimView] = field(default_factory=dict)  # other documents' quotes (link nowhere)


class Shared:
    """Per-finding work, done once per finding in a run, not once per page listing it.

    A fact reported by 400 documents lists its finding on each of their pages: its odd one out,
    its quotes' places and the cards of the quotes every page shows were worked out 400 times.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self._shares: dict[int, _Share] = {}

    def of(self, f: Finding) -> _Share:
        share = self._shares.get(id(f))
        if share is None:
            at: dict[str, list[int]] = defaultdict(list)
            for i, c in enumerate(f.claims):
                at[c.path].append(i)
            odd = odd_one_out(f, self.report.groups)
            share = self._shares[id(f)] = _Share(odd, fact_sheet(f, self.report), dict(at))
        return share

    def card(self, f: Finding, i: int) -> ClaimView:
        """The card of another document's quote (the same on every page: it links to no page)."""
        share = self.of(f)
        view = share.cards.get(i)
        if view is None:
            view = share.cards[i] = claim_view(f.claims[i], share.odd)
        return view


def render_document_page(
    report: Report,
    plan: PagePlan,
    summary: DocumentSummary,
    text: str | None,
    claims: list[Claim],
    *,
    shared: Shared | None = None,
) -> str:
    """The page of one document of `report`; claims of other documents link to their pages."""
    path = summary.path
    # Claims of other documents are not linked to their pages: a page is named by what it shows and is
    # never rewritten, and the other page's name changes whenever that document or its findings do.
    links, shared = Links(here=path), shared or Shared(report)
    views: list[FindingView] = []
    quoted: dict[str, list[str]] = {}
    for n, f in enumerate(plan.findings.get(path, []), 1):
        share = shared.of(f)
        own = share.at.get(path, [])
        mine = set(own)
        refs = shown_at(len(f.claims), own)
        cards = [claim_view(f.claims[i], share.odd, links) if i in mine else shared.card(f, i) for i in refs]
        # Named by the finding, not its place in a list: the page must not change when others do.
        anchor = f"f-{f.fingerprint}" if f.fingerprint else f"f-{n}"
        views.append(FindingView(anchor, f, [], cards, share.odd, share.sheet, len(f.claims) - len(refs)))
        for i in own:
            if f.claims[i].end > f.claims[i].offset:
                quoted.setdefault(f.claims[i].ident, []).append(anchor)
    shown = document_texts({path: text} if text is not None else {}, {path: claims}, quoted)
    doc_text = shown.get(path) or DocumentText(path, None, claims)
    return _page(
        "document.html.j2",
        script=False,
        linked_css=True,
        stylesheet=stylesheet()[0],
        d=summary,
        lang=summary.language or "und",
        findings=views,
        facts=plan.facts.get(path, []),
        text=doc_text,
    )
