"""A document's own page: its text with the claims marked and the findings that quote it (no script)."""

from __future__ import annotations

import hashlib
from functools import cache

from markupsafe import Markup, escape

from checker import __version__
from checker.models import Claim, DocumentSummary, Report
from checker.report.cards import claim_card
from checker.report.cards import source as cards_source
from checker.report.docpages import PagePlan
from checker.report.docshown import WHOLE
from checker.report.doctext import DocumentText, document_texts
from checker.report.html import _asset, _page
from checker.report.htmlviews import FindingView, Links, claim_view

# Bump when a page shows something new for the same inputs (the templates are hashed anyway).
PAGE_REVISION = 4


@cache
def page_salt(extractor: str) -> str:
    """What every page's digest starts with: the extractor, the page's templates and our version."""
    h = hashlib.sha256(f"{PAGE_REVISION}\x1f{__version__}\x1f{extractor}".encode())
    for name in ("document.html.j2", "report.css"):
        h.update(_asset(name).encode("utf-8"))
    h.update(cards_source().encode("utf-8"))
    return h.hexdigest()


@cache
def stylesheet() -> tuple[str, str]:
    """The pages' shared CSS file under docs/ (named by its digest; "_" starts no page's name) and its text.

    Inline in each of 10,000 pages it was 10 KB a page: 100 MB of the folder.
    """
    css = _asset("report.css")
    return f"_style.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:16]}.css", css


def _row(page: str, path: str, claims: int, findings: int, title: str) -> Markup:
    """One row of the list of every document, as HTML (our own markup, every text escaped)."""
    return Markup(  # noqa: S704
        f'      <tr><td><a href="{escape(page)}"><code>{escape(path)}</code></a></td>'
        f"<td>{claims:d}</td><td>{findings:d}</td><td>{escape(title)}</td></tr>\n"
    )


IndexRows = dict[tuple[str, int], Markup]


def documents_index_rows(
    report: Report, plan: PagePlan, kept: IndexRows | None = None
) -> tuple[list[Markup], str]:
    """What the list of every document shows, row by row, and a digest of it (with its template and stylesheet).

    A row shows the document's summary (its page's name digests it) and its count of findings: `kept` are
    the last run's rows by those two, replaced by this run's, so an edit makes one row, not 10,000.
    """
    last = dict(kept) if kept is not None else {}
    if kept is not None:
        kept.clear()
    rows: list[Markup] = []
    for d in report.documents:
        shown = (plan.names[d.path], len(plan.findings.get(d.path, ())))
        row = last.get(shown)
        if row is None:
            row = _row(shown[0], d.path, d.claims, shown[1], d.title or "")
        if kept is not None:
            kept[shown] = row
        rows.append(row)
    h = hashlib.sha256(f"{PAGE_REVISION}\x1f{__version__}\x1f{stylesheet()[0]}".encode())
    h.update(_asset("documents.html.j2").encode("utf-8"))
    h.update("".join(rows).encode("utf-8"))
    return rows, h.hexdigest()


def render_documents_index(rows: list[Markup]) -> str:
    """The page listing every document, each linked to its own page (they sit beside it)."""
    return _page("documents.html.j2", script=False, linked_css=True, stylesheet=stylesheet()[0], rows=rows)


def render_document_page(
    plan: PagePlan, summary: DocumentSummary, text: str | None, claims: list[Claim]
) -> str:
    """The page of one document (what it shows of each finding quoting it: `plan.entries`)."""
    path = summary.path
    # Claims of other documents are not linked to their pages: a page is named by what it shows and is
    # never rewritten, and the other page's name changes whenever that document or its findings do.
    links = Links(here=path)
    views: list[FindingView] = []
    quoted: dict[str, list[str]] = {}
    for e in plan.entries.get(path, []):
        f, share = e.share.finding, e.share
        mine = set(share.at.get(path, []))
        cards = [
            claim_card(claim_view(f.claims[i], share.odd, links)) if i in mine else share.card(i)
            for i in e.shown
        ]
        views.append(FindingView(e.anchor, f, [], [], share.odd, whole=share.whole, cards=cards))
        for i in sorted(mine):
            if f.claims[i].end > f.claims[i].offset:
                quoted.setdefault(f.claims[i].ident, []).append(e.anchor)
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
        whole=WHOLE,
        facts=plan.facts.get(path, []),
        text=doc_text,
    )
