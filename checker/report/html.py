"""The HTML report: one self-contained page per run, for reading in a browser.

Everything the page needs is inline (CSS, JS, no fonts or images fetched), and
a Content-Security-Policy with the hashes of that CSS and JS forbids anything
else, so the page works offline and corpus text can never become markup or
script: Jinja2 escapes it (autoescape), and the CSP would stop it even if not.
The templates get plain view objects; the highlighting of the claim inside
its sentence is worked out here, as data.  The markup repeated tens of
thousands of times (claim cards, quotes, a document's marked text) is made by
report/cards.py, every value escaped there as autoescape would.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import TypeVar

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from pydantic import BaseModel

from checker import __version__
from checker.models import Claim, ClaimRef, Finding, Group, Report, Timeline
from checker.report import cards
from checker.report.docpages import PagePlan, facts_by_document
from checker.report.doctext import document_texts
from checker.report.evidence import corroborations, fact_sheet, figure_text, odd_one_out
from checker.report.fragments import Fragments, fact_key, finding_key, timeline_key
from checker.report.htmlviews import (
    ClaimView,
    FactView,
    FindingView,
    Links,
    TimelineView,
    claim_view,
    document_anchors,
    document_views,
    excerpt,
    number,
)
from checker.report.runindex import RunEntry
from checker.report.templatecache import template_cache

__all__ = ["LIST_CAP", "PageData", "excerpt", "number", "render_html", "render_index"]

T = TypeVar("T")
# Entries per list on a run's page: at 10,000 documents the page stays a page; latest.json has all.
LIST_CAP = 500
# The findings' rows of the last page this process rendered (the watch service renders one per edit).
_FRAGMENTS = Fragments()
# A model's compact JSON, as `model_dump_json` gives it.
Dump = Callable[[BaseModel], bytes]


def fragments() -> Fragments:
    """The pieces this process keeps of its renders (report/keptfragments.py keeps them in the store)."""
    return _FRAGMENTS


def _dump(model: BaseModel) -> bytes:
    return model.__pydantic_serializer__.to_json(model)


@dataclass
class PageData:
    """What the page shows besides the report: documents' texts and claims (from the store), runs."""

    texts: dict[str, str] = field(default_factory=dict)
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    runs: list[RunEntry] = field(default_factory=list)


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def _asset(name: str) -> str:
    return resources.files("checker.report").joinpath("templates", name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("checker.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # our templates never change under a running process: no stat per page
    )
    env.filters["number"] = number
    env.globals.update(claim_card=cards.claim_card, quote=cards.quote, marked_text=cards.marked_text)
    env.bytecode_cache = template_cache(env)
    return env


def _csp(css: str, js: str) -> str:
    """Inline CSS pinned by its hash; no CSS (a page that links a stylesheet beside it): 'self'."""
    script = _csp_hash(js) if js else "'none'"
    style = _csp_hash(css) if css else "'self'"
    return (
        "default-src 'none'; base-uri 'none'; form-action 'none'; img-src data:; "
        f"style-src {style}; script-src {script}"
    )


def page_language(report: Report) -> str:
    """The language most documents are written in (the page's own words are English, marked so)."""
    langs = Counter(d.language for d in report.documents if d.language)
    return langs.most_common(1)[0][0] if langs else "en"


def _quoted(problems: Sequence[FindingView]) -> dict[str, list[str]]:
    """Claim identity (path:offset:end) → anchors of the findings quoting it."""
    out: dict[str, list[str]] = {}
    for v in problems:
        for c in v.finding.claims:
            if c.end > c.offset:
                out.setdefault(f"{c.path}:{c.offset}:{c.end}", []).append(v.anchor)
    return out


def _capped(items: Sequence[T], cap: int) -> tuple[list[T], int]:
    """The first `cap` items and how many were left out."""
    return list(items[:cap]), max(0, len(items) - cap)


def render_html(
    report: Report,
    data: PageData | None = None,
    plan: PagePlan | None = None,
    cap: int = LIST_CAP,
    *,
    dump: Dump = _dump,
) -> str:
    """The report as one self-contained HTML page.

    With a `plan`, each document's text is on its own page (docs/) and linked; without, the texts
    `data` holds are embedded.  Every list shows at most `cap` entries and says how many more
    latest.json holds.  `dump` gives a finding's or timeline's JSON (latest.json's piece, if kept).
    """
    data = data or PageData()
    _FRAGMENTS.begin()
    pages = {p: plan.href(p) for p in plan.names} if plan else {}
    links = Links(anchors=document_anchors(report), pages=pages)
    open_findings, more_problems = _capped([f for f in report.findings if not f.passed], cap)
    held, more_passed = _capped([f for f in report.findings if f.passed], cap)
    gone, more_resolved = _capped(report.resolved, cap)
    problems, rows = _problem_rows(open_findings, report, links, dump)
    agreed_groups = corroborations(report.groups)
    more_facts = max(0, len(agreed_groups) - cap)
    texts = {} if plan else document_texts(data.texts, data.claims, _quoted(problems))
    facts = plan.facts if plan else facts_by_document(report)
    documents, more_documents = document_views(report, problems, texts, pages, facts=facts, cap=cap)
    timelines, more_timelines = _capped(report.timelines, cap)
    more = {
        "problems": more_problems, "passed": more_passed, "resolved": more_resolved,
        "documents": more_documents, "timelines": more_timelines, "facts": more_facts,
    }  # fmt: skip
    return _page(
        "report.html.j2",
        report=report,
        s=report.summary,
        lang=page_language(report),
        problems=problems,
        problem_rows=rows,
        passed=_listed(held, "p-"),
        resolved=_listed(gone, "r-"),
        fact_rows=_fact_rows(agreed_groups[:cap], links),
        documents=documents,
        timeline_rows=_timeline_rows(timelines, dump),
        runs=data.runs,
        more=more,
        all_documents=plan.href_index() if plan else "",
        filters=_filters(problems),
    )


@cache
def _salt(*templates: str, cards_too: bool = False) -> str:
    """The templates a piece is rendered with (and the cards' markup): a changed one changes every key."""
    made = "".join(_asset(n) for n in templates) + (cards.source() if cards_too else "")
    return hashlib.sha256(made.encode()).hexdigest()


def _kept(key: str, make: Callable[[], str]) -> Markup:
    """A piece of the page, rendered by `make` or kept from the last page under the same key."""
    # Trusted: our own templates' output, every corpus value in it escaped when it was rendered.
    return Markup(_FRAGMENTS.get(key, make))  # noqa: S704


def _listed(findings: list[Finding], prefix: str) -> list[FindingView]:
    """Findings listed by their message only (passed, resolved): no claim cards are made."""
    return [FindingView(f"{prefix}{i}", f, [], []) for i, f in enumerate(findings, 1)]


def _fact_rows(agreed_groups: list[tuple[Group, list[ClaimRef]]], links: Links) -> list[Markup]:
    """The corroborated facts' pieces, rendered or kept from the last page."""
    template, salt = _environment().get_template("fact.html.j2"), _salt("fact.html.j2", cards_too=True)
    rows = []
    for group, agreed in agreed_groups:

        def make(group: Group = group, agreed: list[ClaimRef] = agreed) -> str:
            by_document: dict[str, list[ClaimView]] = defaultdict(list)
            for c in agreed:
                by_document[c.path].append(claim_view(c, links=links))
            return template.render(
                fact=FactView(group, figure_text(agreed), dict(sorted(by_document.items())))
            )

        rows.append(_kept(fact_key(salt, group.subject, agreed), make))
    return rows


def _timeline_rows(timelines: list[Timeline], dump: Dump) -> list[Markup]:
    """The timelines' pieces (each with its chart), rendered or kept from the last page."""
    template, salt = _environment().get_template("timeline.html.j2"), _salt("timeline.html.j2")
    rows = []
    for i, t in enumerate(timelines, 1):

        def make(t: Timeline = t, anchor: str = f"tl-{i}") -> str:
            return template.render(tv=TimelineView.of(t, anchor))

        rows.append(_kept(timeline_key(salt, f"tl-{i}", dump(t)), make))
    return rows


def _problem_rows(
    findings: list[Finding], report: Report, links: Links, dump: Dump
) -> tuple[list[FindingView], list[Markup]]:
    """The open findings as views (without claim cards) and their rows, rendered or kept from the last page."""
    template, salt = (
        _environment().get_template("finding.html.j2"),
        _salt("finding.html.j2", cards_too=True),
    )
    views, rows = [], []
    for i, f in enumerate(findings, 1):
        odd = odd_one_out(f, report.groups)
        view = FindingView(f"f-{i}", f, sorted({c.path for c in f.claims}), [], odd, fact_sheet(f, report))

        def make(view: FindingView = view) -> str:
            cards = [claim_view(c, view.odd, links) for c in view.finding.claims]
            return template.render(v=replace(view, claims=cards))

        rows.append(_kept(finding_key(salt, view, links, dump(f)), make))
        views.append(view)
    return views, rows


def _filters(problems: Sequence[FindingView]) -> dict[str, list[str]]:
    """The choices of the findings' filters: only values some finding has."""
    return {
        "severities": sorted(
            {v.finding.severity.value for v in problems}, key=["error", "warning", "info"].index
        ),
        "rules": sorted({v.finding.code or v.finding.rule for v in problems}),
        "statuses": [
            s for s in ("new", "persisting", "accepted") if any(v.finding.status == s for v in problems)
        ],
        "document_names": sorted({d for v in problems for d in v.documents}),
    }


def _page(template: str, *, script: bool = True, linked_css: bool = False, **context: object) -> str:
    """A page of ours: the template with the inline CSS (unless linked) and JS its CSP pins."""
    css, js = "" if linked_css else _asset("report.css"), _asset("report.js") if script else ""
    # Trusted: our own files, shipped with the package; the CSP pins their exact bytes.
    style, code = Markup(css), Markup(js)  # noqa: S704
    page = _environment().get_template(template)
    return page.render(version=__version__, csp=_csp(css, js), css=style, js=code, **context)


def render_index(runs: list[RunEntry], lang: str = "zh") -> str:
    """The index of runs: each run's counts and what changed in it, linked to its page."""
    return _page("index.html.j2", runs=runs, lang=lang)
