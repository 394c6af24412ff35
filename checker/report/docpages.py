"""Per-document review pages, for corpora above `document_pages_above` documents.

Each document gets reports/docs/<stem>.<digest16>.html, named by a digest of
everything the page shows: the document's metadata and content (its sha256),
the extractor that read it (claims are a pure function of both), what it shows
of the findings that quote it (docshown.py: of a finding quoting hundreds of
documents, only what this document's edits change) and the page's own template.
A document that did not change keeps its page, which is neither rendered nor
written again, so a run after one edit renders the pages whose content changed:
one, unless the edit changes what other documents' pages say (a corroborated
fact they share that now disagrees).  The run's main page links to these pages instead
of embedding every text, and stays small at 10,000 documents.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from checker.models import Finding, Report
from checker.report.docshown import Entry, Shares
from checker.report.evidence import corroborations

DOCS = "docs"
# The part of a page's name that is the document's own (the digest makes it unique).
_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass
class PagePlan:
    """Each document's page (path → file name under docs/) and what each page shows besides the text."""

    names: dict[str, str] = field(default_factory=dict)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    entries: dict[str, list[Entry]] = field(default_factory=dict)  # what each page shows of its findings
    facts: dict[str, list[str]] = field(default_factory=dict)
    index: str = ""  # the page listing every document (a name no document's page can have)
    shared: list[str] = field(default_factory=list)  # files the pages use (the stylesheet)

    def href_index(self) -> str:
        """The link to the list of every document."""
        return f"{DOCS}/{self.index}" if self.index else ""

    def href(self, path: str, claim_offset: int | None = None) -> str:
        """The link from a page of the set (or a run copy) to a document's page."""
        name = self.names.get(path)
        if name is None:
            return ""
        return f"{DOCS}/{name}" + (f"#c-{claim_offset}" if claim_offset is not None else "")


def page_name(path: str, digest: str) -> str:
    """`<stem>.<digest16>.html`: readable in a folder listing, unique by the digest."""
    stem = _UNSAFE.sub("_", PurePosixPath(path).stem).strip("._")[:40] or "document"
    return f"{stem}.{digest[:16]}.html"


def findings_by_document(report: Report) -> dict[str, list[Finding]]:
    """The open (not passed) findings quoting each document."""
    out: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        if f.passed:
            continue
        for path in sorted({c.path for c in f.claims}):
            out[path].append(f)
    return dict(out)


def facts_by_document(report: Report) -> dict[str, list[str]]:
    """The corroborated fact subjects each document agrees on."""
    out: dict[str, list[str]] = defaultdict(list)
    for g, agreed in corroborations(report.groups):
        for path in sorted({c.path for c in agreed}):
            out[path].append(g.subject)
    return dict(out)


def plan_pages(report: Report, salt: str) -> PagePlan:
    """Every document's page name; `salt` names the extractor and the page template."""
    plan = PagePlan(findings=findings_by_document(report), facts=facts_by_document(report))
    # A finding quoting 400 documents is worked out once, not once per page (docshown.py).
    shares = Shares(report)
    for d in report.documents:
        h = hashlib.sha256(salt.encode("utf-8"))
        h.update(d.model_dump_json().encode("utf-8"))
        h.update(json.dumps(plan.facts.get(d.path, []), ensure_ascii=False).encode("utf-8"))
        if own := plan.findings.get(d.path):
            entries = plan.entries[d.path] = shares.entries(d.path, own)
            for e in entries:
                h.update(e.key)
        plan.names[d.path] = page_name(d.path, h.hexdigest())
    return plan
