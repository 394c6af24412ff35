"""The HTML report: one self-contained page per run, for reading in a browser.

Everything the page needs is inline (CSS, JS, no fonts or images fetched), and
a Content-Security-Policy with the hashes of that CSS and JS forbids anything
else, so the page works offline and corpus text can never become markup or
script: Jinja2 escapes it (autoescape), and the CSP would stop it even if not.
The template gets plain view objects; the highlighting of the claim inside
its sentence is done here, as data, never as HTML built by hand.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from checker import __version__
from checker.models import ClaimRef, DocumentSummary, Finding, Group, Report

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


@dataclass
class ClaimView:
    """A claim as a card: where it is, what it says, and the excerpt to show."""

    ref: ClaimRef
    excerpt: Excerpt
    figure: str


@dataclass
class FindingView:
    """A row of the findings table and the claims it opens to."""

    anchor: str
    finding: Finding
    documents: list[str]
    claims: list[ClaimView]

    @property
    def documents_json(self) -> str:
        return json.dumps(self.documents, ensure_ascii=False)


@dataclass
class FactView:
    """A corroborated fact and, per agreeing document, the claims stating it."""

    group: Group
    by_document: dict[str, list[ClaimView]]

    @property
    def figures(self) -> list[str]:
        return sorted({" ".join(c.text.split()) for c in self.group.claims})


@dataclass
class DocumentView:
    """One document: its counts, read problems, findings and corroborated facts."""

    summary: DocumentSummary
    anchor: str
    findings: list[FindingView] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)


def _claim_view(ref: ClaimRef) -> ClaimView:
    unit = ref.measure or ref.unit
    return ClaimView(ref=ref, excerpt=excerpt(ref.sentence, ref.text), figure=f"{number(ref.value)} {unit}")


def _finding_views(findings: list[Finding], prefix: str) -> list[FindingView]:
    views = []
    for i, f in enumerate(findings, 1):
        documents = sorted({c.path for c in f.claims})
        views.append(FindingView(f"{prefix}{i}", f, documents, [_claim_view(c) for c in f.claims]))
    return views


def _fact_views(groups: list[Group]) -> list[FactView]:
    views = []
    for g in groups:
        if g.status != "corroborated":
            continue
        by_document: dict[str, list[ClaimView]] = defaultdict(list)
        for c in g.claims:
            by_document[c.path].append(_claim_view(c))
        views.append(FactView(g, dict(sorted(by_document.items()))))
    return views


def _document_views(report: Report, problems: list[FindingView], facts: list[FactView]) -> list[DocumentView]:
    views = {d.path: DocumentView(d, f"doc-{i}") for i, d in enumerate(report.documents, 1)}
    for fv in problems:
        for path in fv.documents:
            if path in views:
                views[path].findings.append(fv)
    for fact in facts:
        for path in fact.by_document:
            if path in views:
                views[path].facts.append(fact.group.subject)
    return list(views.values())


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
    )
    env.filters["number"] = number
    return env


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page."""
    problems = _finding_views([f for f in report.findings if not f.passed], "f-")
    passed = _finding_views([f for f in report.findings if f.passed], "p-")
    resolved = _finding_views(report.resolved, "r-")
    facts = _fact_views(report.groups)
    css, js = _asset("report.css"), _asset("report.js")
    csp = (
        "default-src 'none'; base-uri 'none'; form-action 'none'; img-src data:; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}"
    )
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        s=report.summary,
        problems=problems,
        passed=passed,
        resolved=resolved,
        facts=facts,
        documents=_document_views(report, problems, facts),
        severities=sorted(
            {v.finding.severity.value for v in problems}, key=["error", "warning", "info"].index
        ),
        rules=sorted({v.finding.rule for v in problems}),
        statuses=[
            s for s in ("new", "persisting", "accepted") if any(v.finding.status == s for v in problems)
        ],
        document_names=sorted({d for v in problems for d in v.documents}),
        version=__version__,
        csp=csp,
        # Trusted: our own files, shipped with the package; the CSP pins their exact bytes.
        css=Markup(css),  # noqa: S704
        js=Markup(js),  # noqa: S704
    )
