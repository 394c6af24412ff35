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

A process that makes many runs (the watch service) keeps each page's name by
what its digest is made of (`KeptPages`): a document whose metadata, facts and
entries are the last run's keeps its name without being digested again: at
10,000 documents, planning the pages was about half a second of every run.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from markupsafe import Markup

from checker.models import DocumentSummary, Finding, Report
from checker.models.reuse import Recent, Same, same_objects, shape_of, snapshot, unchanged
from checker.report.docshown import Entry, KeptShown, Shares
from checker.report.evidence import KeptAgreed, corroborations

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


@dataclass(frozen=True)
class Planned:
    """One document's page as a run planned it, with what it was planned from."""

    summary: DocumentSummary  # frozen: the same object is the same summary
    findings: tuple[Finding, ...]  # its open findings, with the objects each field held then
    fields: tuple[tuple[object, ...], ...]
    facts: tuple[str, ...]
    salt: str
    entries: list[Entry]
    name: str

    def holds(
        self, summary: DocumentSummary, findings: Sequence[Finding], facts: list[str], salt: str
    ) -> bool:
        """Whether the page is planned from these very objects: the summary, the findings and their fields."""
        return (
            self.summary is summary
            and self.salt == salt
            and same_objects(self.findings, findings)
            and all(map(unchanged, findings, self.fields))
            and self.facts == tuple(facts)
        )


class KeptPages:
    """What a process's last run planned of the documents' pages: names, findings shown, facts agreed on."""

    def __init__(self) -> None:
        self.names: Recent[str] = Recent()
        self.shown = KeptShown()
        self.agreed = KeptAgreed()  # turned by `corroborations`
        self.paths: Same[list[str]] = Same()  # the documents agreeing in each group (`facts_by_document`)
        # Each document's page as the last plan made it: one planned from the same objects is taken whole.
        self.planned: dict[str, Planned] = {}
        # The rows of the list of every document the last run made, by page name and count of findings.
        self.rows: dict[tuple[str, int], Markup] = {}

    def turn(self) -> None:
        """A plan was made: what it did not use is forgotten."""
        self.names.turn()
        self.shown.turn()
        self.paths.turn()


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


def facts_by_document(
    report: Report, kept: KeptAgreed | None = None, paths: Same[list[str]] | None = None
) -> dict[str, list[str]]:
    """The corroborated fact subjects each document agrees on.

    `paths`: the documents agreeing in each group of the last run, by the group (the same object).
    """
    out: dict[str, list[str]] = defaultdict(list)
    for g, agreed in corroborations(report.groups, kept):
        agreeing = paths.get(g) if paths is not None else None
        if agreeing is None:
            agreeing = sorted({c.path for c in agreed})
            if paths is not None:
                paths.put(g, agreeing)
        for path in agreeing:
            out[path].append(g.subject)
    return dict(out)


def plan_pages(report: Report, salt: str, kept: KeptPages | None = None) -> PagePlan:
    """Every document's page name; `salt` names the extractor and the page template.

    With `kept`, a document planned from the same objects as in the last run (its summary, its findings
    with their fields) keeps that plan whole, and one whose digest would be made of what the last run's
    was keeps that name.
    """
    agreed = facts_by_document(report, *((kept.agreed, kept.paths) if kept is not None else ()))
    plan = PagePlan(findings=findings_by_document(report), facts=agreed)
    # A finding quoting 400 documents is worked out once, not once per page (docshown.py).
    shares = Shares(report, kept.shown if kept is not None else None)
    last = kept.planned if kept is not None else {}
    planned: dict[str, Planned] = {}
    for d in report.documents:
        facts = plan.facts.get(d.path, [])
        own = plan.findings.get(d.path, [])
        hit = last.get(d.path)
        if hit is not None and hit.holds(d, own, facts, salt):
            # A finding that did not change shows the same on every page: what it shows follows from it
            # and the groups of its unit, which did not change either (checker/incremental.py).
            if hit.entries:
                plan.entries[d.path] = hit.entries
            plan.names[d.path] = hit.name
            planned[d.path] = hit
            continue
        entries: list[Entry] = []
        if own:
            entries = plan.entries[d.path] = shares.entries(d.path, own)
        shape = shape_of(type(d)) if kept is not None else None
        if kept is None or shape is None:
            plan.names[d.path] = _name(salt, d, facts, entries)
            continue
        key = (salt, shape.key(d), tuple(facts), tuple(e.key for e in entries))
        name = kept.names.get(key)
        if name is None:
            name = _name(salt, d, facts, entries)
            kept.names.put(key, name)
        plan.names[d.path] = name
        fields = tuple(map(snapshot, own))
        planned[d.path] = Planned(d, tuple(own), fields, tuple(facts), salt, entries, name)
    if kept is not None:
        kept.planned = planned
        kept.turn()
    return plan


def _name(salt: str, d: DocumentSummary, facts: list[str], entries: list[Entry]) -> str:
    """The page's name, from a digest of everything it shows."""
    h = hashlib.sha256(salt.encode("utf-8"))
    h.update(d.model_dump_json().encode("utf-8"))
    h.update(json.dumps(facts, ensure_ascii=False).encode("utf-8"))
    for e in entries:
        h.update(e.key)
    return page_name(d.path, h.hexdigest())
