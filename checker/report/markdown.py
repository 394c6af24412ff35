"""The Markdown report: for e-mail and pull requests."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel

from checker.models import ClaimRef, Finding, Group, Report
from checker.models.reuse import Same

M = TypeVar("M", bound=BaseModel)
# Entries per list: at 10,000 documents a Markdown report of every finding is megabytes no one reads.
LIST_CAP = 500

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def md_escape(text: str) -> str:
    """Text from a corpus shown literally: no Markdown, no HTML, one line."""
    text = " ".join(text.split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def code(text: str) -> str:
    """`text` as an inline code span that no backtick inside it can close (CommonMark)."""
    text = " ".join(text.split())
    runs = [len(r) for r in re.findall(r"`+", text)]
    fence = "`" * (max(runs, default=0) + 1)
    pad = " " if runs else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _claim_line(c: ClaimRef) -> str:
    role = f" ({md_escape(c.role)})" if c.role else ""
    place = f" ({c.place()})" if c.place() else ""
    return f"  - {code(f'{c.path}:{c.line}:{c.column}')}{place}{role}: «{md_escape(c.text)}»"


def _finding(f: Finding) -> list[str]:
    badge = {"error": "❌ error", "warning": "⚠️ warning", "info": "ℹ️ info"}[f.severity.value]
    status = f" · {f.status}" if f.status != "new" or not f.passed else ""
    lines = [f"- **{badge}** {code(f.rule)}{status} — {md_escape(f.message)} (fingerprint `{f.fingerprint}`)"]
    lines += [_claim_line(c) for c in f.claims]
    return lines


def _group(g: Group) -> list[str]:
    docs = ", ".join(code(d) for d in g.documents)
    figures = " / ".join(sorted({md_escape(c.text) for c in g.claims}))
    return [f"- **{md_escape(g.subject)}**: {figures} — {len(g.documents)} documents: {docs}"]


def _line(f: Finding) -> list[str]:
    return [f"- {code(f.rule)} — {md_escape(f.message)}"]


# The lines of the entries of the last report this process wrote, by renderer and entry (the same object,
# its fields unchanged: models/reuse.py): the watch service writes one after each edit, and a finding of
# thousands of quotes was written out again each time (0.075 s a run at 10,000 documents).
_KEPT: dict[Callable[[Any], list[str]], Same[list[str]]] = {}


def _section(title: str, items: Sequence[M], render: Callable[[M], list[str]], empty: str = "") -> list[str]:
    """A titled list of at most LIST_CAP entries; beyond, how many more latest.json holds."""
    out = [f"## {title}", ""]
    kept = _KEPT.setdefault(render, Same())
    for item in items[:LIST_CAP]:
        lines = kept.get(item)
        if lines is None:
            lines = render(item)
            kept.put(item, lines)
        out += lines
    if len(items) > LIST_CAP:
        out.append(f"- … {len(items) - LIST_CAP} more, not listed here: latest.json holds them all")
    if not items and empty:
        out.append(empty)
    out.append("")
    return out


def render_markdown(report: Report) -> str:
    """The report as Markdown: summary, findings, corroborated facts, unreadable files."""
    s = report.summary
    out = [
        "# checker report",
        "",
        f"Run {report.run.id} ({report.run.trigger}) at {report.run.started:%Y-%m-%d %H:%M:%S} UTC over "
        + ", ".join(code(p) for p in report.run.paths),
        "",
        "| documents | claims | facts in 2+ documents | corroborated | conflicts | errors | warnings "
        "| checks passed | new | resolved |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {s.documents} | {s.claims} | {s.groups} | {s.corroborated} | {s.conflicts} | {s.errors} "
        f"| {s.warnings} | {s.checks_passed} | {s.new} | {s.resolved} |",
        "",
    ]
    problems = [f for f in report.findings if not f.passed]
    out += _section("Findings", problems, _finding, "No discrepancies found.")
    if report.resolved:
        out += _section("Resolved since the previous run", report.resolved, _line)
    passed = [f for f in report.findings if f.passed]
    if passed:
        out += _section("Checks that held", passed, _line)
    corroborated = [g for g in report.groups if g.status == "corroborated"]
    out += _section("Corroborated facts", corroborated, _group, "No fact is stated in two or more documents.")
    if report.errors:
        out += ["## Files that could not be checked", ""]
        out += [f"- {code(e.path)}: {md_escape(e.message)}" for e in report.errors]
        out.append("")
    for kept in _KEPT.values():
        kept.turn()  # what this report did not show is forgotten
    return "\n".join(out)
