"""GitLab Code Quality: a JSON list of issues, one per open finding, shown in merge requests.

The fingerprint is the finding's own (never line numbers), so GitLab can tell a
new issue from one that moved.
"""

from __future__ import annotations

import json
from typing import Any

from checker.models import Report
from checker.report.evidence import primary
from checker.report.lines import code_of, one_line, open_findings

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render_gitlab(report: Report) -> str:
    """The open findings (not accepted ones) as a Code Quality report."""
    issues: list[dict[str, Any]] = []
    for f in open_findings(report):
        if f.status == "accepted":
            continue
        c = primary(f, report.groups)
        issues.append(
            {
                "type": "issue",
                "description": one_line(f.message),
                "check_name": code_of(f),
                "categories": ["Bug Risk"],
                "fingerprint": f.fingerprint,
                "severity": _SEVERITY[f.severity.value],
                "location": {
                    "path": c.path if c is not None else "(run)",
                    "lines": {"begin": c.line if c is not None else 1},
                },
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
