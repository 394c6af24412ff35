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
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from checker import __version__
from checker.models import Claim, Report
from checker.report.doctext import DocumentText, document_texts
from checker.report.htmlviews import (
    FindingView,
    document_anchors,
    document_views,
    excerpt,
    fact_views,
    finding_views,
    number,
    timeline_views,
)
from checker.report.runindex import RunEntry
from checker.report.templatecache import template_cache

__all__ = ["PageData", "excerpt", "number", "render_html", "render_index"]


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
    )
    env.filters["number"] = number
    env.bytecode_cache = template_cache(env)
    return env


def _csp(css: str, js: str) -> str:
    return (
        "default-src 'none'; base-uri 'none'; form-action 'none'; img-src data:; "
        f"style-src {_csp_hash(css)}; script-src {_csp_hash(js)}"
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


def render_html(report: Report, data: PageData | None = None) -> str:
    """The report as one self-contained HTML page (with the documents' texts when `data` has them)."""
    data = data or PageData()
    anchors = document_anchors(report)
    problems = finding_views([f for f in report.findings if not f.passed], "f-", report, anchors)
    passed = finding_views([f for f in report.findings if f.passed], "p-", report, anchors)
    resolved = finding_views(report.resolved, "r-", report, anchors)
    facts = fact_views(report.groups, anchors)
    texts: dict[str, DocumentText] = document_texts(data.texts, data.claims, _quoted(problems))
    css, js = _asset("report.css"), _asset("report.js")
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        s=report.summary,
        lang=page_language(report),
        problems=problems,
        passed=passed,
        resolved=resolved,
        facts=facts,
        documents=document_views(report, problems, facts, texts),
        timelines=timeline_views(report),
        runs=data.runs,
        severities=sorted(
            {v.finding.severity.value for v in problems}, key=["error", "warning", "info"].index
        ),
        rules=sorted({v.finding.code or v.finding.rule for v in problems}),
        statuses=[
            s for s in ("new", "persisting", "accepted") if any(v.finding.status == s for v in problems)
        ],
        document_names=sorted({d for v in problems for d in v.documents}),
        version=__version__,
        csp=_csp(css, js),
        # Trusted: our own files, shipped with the package; the CSP pins their exact bytes.
        css=Markup(css),  # noqa: S704
        js=Markup(js),  # noqa: S704
    )


def render_index(runs: list[RunEntry], lang: str = "zh") -> str:
    """The index of runs: each run's counts and what changed in it, linked to its page."""
    css, js = _asset("report.css"), _asset("report.js")
    template = _environment().get_template("index.html.j2")
    # Trusted: our own files, shipped with the package; the CSP pins their exact bytes.
    style, script = Markup(css), Markup(js)  # noqa: S704
    return template.render(runs=runs, lang=lang, version=__version__, csp=_csp(css, js), css=style, js=script)
