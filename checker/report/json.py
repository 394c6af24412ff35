"""The JSON report: the Report model as JSON.  Other tools read it; fields are stable.

Compact, as latest.json holds it: each run makes it once for the reports and
the store (checker/models/reportjson.py), so `checker report --format json`
prints what latest.json holds.  At 10,000 documents it is some 110 MB.
"""

from __future__ import annotations

from checker.models import Report


def render_json(report: Report) -> str:
    """The report as JSON, as latest.json holds it."""
    return report.model_dump_json() + "\n"
