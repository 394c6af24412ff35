"""SARIF 2.1.0: findings for code-scanning tools (GitHub, GitLab, IDE viewers).

One result per finding.  The first claim is the result's location and the
claims elsewhere (other documents of a cross-document finding, other places in
the same one) are relatedLocations, so a viewer can jump to each side of a
disagreement.  Fingerprints are the finding's own, which never include line
numbers, so a result keeps its identity across unrelated edits.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote

from checker import __version__
from checker.models import ClaimRef, Finding, Report, Severity

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "checkerFingerprint/v1"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
# How this run relates to the previous one, in SARIF's words.
_BASELINE_STATE = {"new": "new", "persisting": "unchanged", "accepted": "unchanged"}


def artifact_uri(path: str) -> str:
    """A document's path as a URI reference: relative stays relative, spaces and CJK percent-encoded."""
    posix = PurePosixPath(path.replace("\\", "/"))
    if posix.is_absolute():
        return "file://" + quote(str(posix))
    return quote(str(posix))


def _utc(when: datetime) -> str:
    # Stored runs come back naive; the pipeline records them in UTC.
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _location(c: ClaimRef, ident: int | None = None) -> dict[str, Any]:
    region: dict[str, Any] = {
        "startLine": c.line,
        "startColumn": c.column,
        "snippet": {"text": c.text},
    }
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(c.path)}, "region": region},
        "message": {"text": f"{c.role}: {' '.join(c.text.split())}" if c.role else " ".join(c.text.split())},
    }
    if ident is not None:
        location["id"] = ident
    return location


def _rule_descriptor(rule: str, level: str) -> dict[str, Any]:
    return {
        "id": rule,
        "name": rule,
        "shortDescription": {"text": _rule_summaries().get(rule, f"checker rule {rule}")},
        "defaultConfiguration": {"level": level},
    }


def _rule_summaries() -> dict[str, str]:
    # The built-in rules' one-line descriptions; rules from files or plugins fall back to their id.
    try:
        from checker.rules.engine import builtin_rules

        return {r.id: r.summary() for r in builtin_rules()}
    except Exception:  # a broken rule module must not cost the report
        return {}


def _result(f: Finding, rule_index: int, baseline_state: str) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "kind": "pass" if f.passed else "fail",
        "level": "none" if f.passed else _LEVEL[f.severity],
        "message": {"text": f.message},
        "partialFingerprints": {FINGERPRINT_KEY: f.fingerprint},
        "baselineState": baseline_state,
        "properties": {"fact": f.fact, "status": f.status},
    }
    if f.claims:
        result["locations"] = [_location(f.claims[0])]
        related = [_location(c, i) for i, c in enumerate(f.claims[1:], 1)]
        if related:
            result["relatedLocations"] = related
    if f.status == "accepted":
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": f.accepted_reason or ""}
        ]
    return result


def _notifications(report: Report) -> list[dict[str, Any]]:
    """The run's document and rule errors as SARIF tool notifications."""
    return [
        {
            "level": "error",
            "message": {"text": e.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(e.path)},
                        **({"region": {"startLine": e.line}} if e.line else {}),
                    }
                }
            ],
        }
        for e in report.errors
    ]


def build_sarif(report: Report) -> dict[str, Any]:
    """The SARIF log as a dict (render_sarif dumps it)."""
    everything = [*report.findings, *report.resolved]
    rank = {"error": 0, "warning": 1, "note": 2}
    levels: dict[str, str] = {}
    for f in everything:
        # A rule's default level: the most severe it reported.
        level = _LEVEL[f.severity]
        if rank[level] < rank[levels.get(f.rule, "note")] or f.rule not in levels:
            levels[f.rule] = level
    rule_ids = sorted(levels)
    index = {rule: i for i, rule in enumerate(rule_ids)}
    results = [
        _result(f, index[f.rule], "unchanged" if f.passed else _BASELINE_STATE[f.status])
        for f in report.findings
    ]
    results += [_result(f, index[f.rule], "absent") for f in report.resolved]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "checker",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule_descriptor(r, levels[r]) for r in rule_ids],
            }
        },
        "automationDetails": {"id": f"checker/{report.run.trigger}/{report.run.id or 0}"},
        # Claim columns count characters (code points), as Python does.
        "columnKind": "unicodeCodePoints",
        "invocations": [
            {
                "executionSuccessful": True,
                "startTimeUtc": _utc(report.run.started),
                **({"endTimeUtc": _utc(report.run.finished)} if report.run.finished else {}),
                "toolExecutionNotifications": _notifications(report),
            }
        ],
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(report: Report) -> str:
    """The report as a SARIF 2.1.0 log."""
    return json.dumps(build_sarif(report), indent=2, ensure_ascii=False) + "\n"
