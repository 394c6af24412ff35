"""Findings as lines, the way linters print them: concise, full, GitHub annotations, statistics, JSON lines.

`concise` is `path:line:col: CODE [severity] message`, one line per finding,
at the finding's primary claim (the odd one out when there is one).  `full`
adds the evidence: every claim quoted in its sentence, the odd one out, the
fact sheet and its source, the other rules' view, and the fingerprint that
`checker accept` takes.  Lines are never cut to a terminal's width.
"""

from __future__ import annotations

import json
from collections import Counter

from checker.models import ClaimRef, Finding, Report
from checker.report.evidence import fact_sheet, odd_one_out, primary, role_words
from checker.report.htmlviews import excerpt


def open_findings(report: Report) -> list[Finding]:
    """The findings a reader acts on: not the checks that held (accepted ones stay, marked)."""
    return [f for f in report.findings if not f.passed]


def one_line(text: str) -> str:
    """Text on one line, runs of spaces and breaks made one space."""
    return " ".join(text.split())


def code_of(f: Finding) -> str:
    """The rule code a line shows (a plugin without a code: its rule id)."""
    return f.code or f.rule


def location(f: Finding, report: Report) -> str:
    """Where a finding is: its primary claim as path:line:col."""
    c = primary(f, report.groups)
    return f"{c.path}:{c.line}:{c.column}" if c is not None else "(run)"


def concise_line(f: Finding, report: Report) -> str:
    """`path:line:col: CODE [severity] message` (accepted findings say so)."""
    status = " (accepted)" if f.status == "accepted" else ""
    return f"{location(f, report)}: {code_of(f)} [{f.severity.value}]{status} {one_line(f.message)}"


def render_concise(report: Report) -> str:
    """One line per open finding."""
    return "".join(concise_line(f, report) + "\n" for f in open_findings(report))


def _quote(c: ClaimRef) -> str:
    cut = excerpt(one_line(c.sentence), c.text, context=30)
    return f"{one_line(cut.before)}«{one_line(cut.mark)}»{one_line(cut.after)}"


def evidence_lines(f: Finding, report: Report) -> list[str]:
    """The lines under a finding in the full format."""
    lines = []
    for c in f.claims:
        role = role_words(c.role)
        place = f" ({c.place()})" if c.place() else ""
        lines.append(f"  | {c.where()}{place}{f' [{role}]' if role else ''}: {_quote(c)}")
    odd = odd_one_out(f, report.groups)
    if odd is not None:
        lines.append(f"  = odd one out: {odd.sentence()}")
    sheet = fact_sheet(f, report)
    if sheet is not None:
        lines.append(f"  = fact sheet: {sheet.file}: {sheet.title}; source: {one_line(sheet.source)}")
    for r in f.related:
        lines.append(f"  = also {r.code or r.rule} {r.name or r.rule}: {one_line(r.message)}")
    if f.accepted_reason:
        lines.append(f"  = accepted: {one_line(f.accepted_reason)}")
    elif f.fingerprint:
        lines.append(f'  = fingerprint {f.fingerprint}: checker accept {f.fingerprint} --reason "…"')
    return lines


def render_full(report: Report) -> str:
    """Each open finding's line, its evidence under it, a blank line between findings."""
    out = []
    for f in open_findings(report):
        out += [concise_line(f, report), *evidence_lines(f, report), ""]
    return "".join(line + "\n" for line in out)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """GitHub Actions workflow commands: an annotation per finding, at its primary claim."""
    level = {"error": "error", "warning": "warning", "info": "notice"}
    out = []
    for f in open_findings(report):
        if f.status == "accepted":
            continue
        c = primary(f, report.groups)
        props = [] if c is None else [f"file={_escape_property(c.path)}", f"line={c.line}", f"col={c.column}"]
        props.append(f"title={_escape_property(f'{code_of(f)} {f.name or f.rule}')}")
        out.append(f"::{level[f.severity.value]} {','.join(props)}::{_escape_data(one_line(f.message))}\n")
    return "".join(out)


def render_jsonl(report: Report) -> str:
    """One JSON object per open finding, with its location first."""
    out = []
    for f in open_findings(report):
        c = primary(f, report.groups)
        head = {"path": c.path, "line": c.line, "column": c.column} if c is not None else {}
        out.append(json.dumps({**head, **f.model_dump(mode="json")}, ensure_ascii=False) + "\n")
    return "".join(out)


def render_statistics(report: Report) -> str:
    """Counts per rule code, as `ruff --statistics` prints them."""
    counts = Counter((code_of(f), f.name or f.rule, f.severity.value) for f in open_findings(report))
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return "".join(f"{n:>5}\t{code}\t[{sev}] {name}\n" for (code, name, sev), n in rows)
