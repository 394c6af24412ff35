"""The Markdown report: for e-mail and pull requests."""

from __future__ import annotations

import re

from checker.models import ClaimRef, Finding, Group, Report

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
    out += ["## Findings", ""]
    if problems:
        for f in problems:
            out += _finding(f)
    else:
        out.append("No discrepancies found.")
    out.append("")
    if report.resolved:
        out += ["## Resolved since the previous run", ""]
        out += [f"- {code(f.rule)} — {md_escape(f.message)}" for f in report.resolved]
        out.append("")
    passed = [f for f in report.findings if f.passed]
    if passed:
        out += ["## Checks that held", ""]
        out += [f"- {code(f.rule)} — {md_escape(f.message)}" for f in passed]
        out.append("")
    corroborated = [g for g in report.groups if g.status == "corroborated"]
    out += ["## Corroborated facts", ""]
    for g in corroborated:
        out += _group(g)
    if not corroborated:
        out.append("No fact is stated in two or more documents.")
    out.append("")
    if report.errors:
        out += ["## Files that could not be checked", ""]
        out += [f"- {code(e.path)}: {md_escape(e.message)}" for e in report.errors]
        out.append("")
    return "\n".join(out)
