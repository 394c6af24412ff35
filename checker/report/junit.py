"""JUnit XML: findings as failed test cases, so any CI system shows them.

One testsuite per rule, one testcase per check: a finding is a failure, a check
that held passes, an accepted finding is skipped with its reason.  Files that
could not be read are errors in a suite of their own.  The case name carries
the fingerprint so CI histories track a finding across runs.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict

from checker.models import Finding, Report

# XML 1.0 forbids most control characters, which OCR text does contain (form feeds, NULs).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text that XML 1.0 can carry: forbidden characters become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _one_line(text: str) -> str:
    return xml_text(" ".join(text.split()))


def _details(f: Finding) -> str:
    lines = [f.message, ""]
    for c in f.claims:
        role = f" ({c.role})" if c.role else ""
        sentence = f" — {' '.join(c.sentence.split())}" if c.sentence else ""
        lines.append(f"{c.path}:{c.line}:{c.column}{role}: {' '.join(c.text.split())}{sentence}")
    lines += [
        "",
        f"fingerprint {f.fingerprint}",
        f'accept with: checker accept {f.fingerprint} --reason "..."',
    ]
    return xml_text("\n".join(lines))


def _case(suite: ET.Element, f: Finding) -> None:
    name = f"{f.fact or f.message} [{f.fingerprint}]"
    case = ET.SubElement(suite, "testcase", classname=f"checker.{f.rule}", name=_one_line(name))
    if f.claims:
        case.set("file", xml_text(f.claims[0].path))
        case.set("line", str(f.claims[0].line))
    if f.passed:
        return
    if f.status == "accepted":
        ET.SubElement(case, "skipped", message=_one_line(f"accepted: {f.accepted_reason or ''}"))
        return
    failure = ET.SubElement(case, "failure", message=_one_line(f.message), type=f.severity.value)
    failure.text = _details(f)


def build_junit(report: Report) -> ET.Element:
    """The <testsuites> element of the report."""
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_rule[f.rule].append(f)
    root = ET.Element("testsuites", name="checker")
    timestamp = report.run.started.strftime("%Y-%m-%dT%H:%M:%S")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for rule in sorted(by_rule):
        findings = by_rule[rule]
        counts = {
            "tests": len(findings),
            "failures": sum(1 for f in findings if not f.passed and f.status != "accepted"),
            "errors": 0,
            "skipped": sum(1 for f in findings if not f.passed and f.status == "accepted"),
        }
        attrib = {"name": rule, "timestamp": timestamp, **{k: str(v) for k, v in counts.items()}}
        suite = ET.SubElement(root, "testsuite", attrib)
        for f in findings:
            _case(suite, f)
        for k, v in counts.items():
            totals[k] += v
    if report.errors:
        n = len(report.errors)
        suite = ET.SubElement(
            root,
            "testsuite",
            name="read",
            timestamp=timestamp,
            tests=str(n),
            failures="0",
            errors=str(n),
            skipped="0",
        )
        for e in report.errors:
            case = ET.SubElement(
                suite, "testcase", classname="checker.read", name=xml_text(e.path), file=xml_text(e.path)
            )
            ET.SubElement(case, "error", message=_one_line(e.message), type="read").text = xml_text(e.message)
        totals["tests"] += n
        totals["errors"] += n
    for k, v in totals.items():
        root.set(k, str(v))
    return root


def render_junit(report: Report) -> str:
    """The report as JUnit XML."""
    root = build_junit(report)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
