"""The JSON report: the Report model, dumped.  Other tools read it; fields are stable."""

from __future__ import annotations

from checker.models import Report


def render_json(report: Report) -> str:
    """The report as indented JSON."""
    return report.model_dump_json(indent=2) + "\n"
