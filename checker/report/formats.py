"""Every output format by name, for `--output-format` of `checker check` and `checker report`.

The renderers a run does not ask for (SARIF, JUnit's XML, GitLab ...) are
imported when first called, so a check does not pay for every format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from checker.models import Report
from checker.report.lines import render_concise, render_full, render_github, render_jsonl, render_statistics

Renderer = Callable[[Report], str]


def _on_demand(module: str, name: str) -> Renderer:
    def render(report: Report) -> str:
        function: Renderer = getattr(importlib.import_module(module), name)
        return function(report)

    render.__name__ = render.__qualname__ = name
    return render


FORMATS: dict[str, Renderer] = {
    "concise": render_concise,
    "full": render_full,
    "json": _on_demand("checker.report.json", "render_json"),
    "jsonl": render_jsonl,
    "github": render_github,
    "gitlab": _on_demand("checker.report.gitlab", "render_gitlab"),
    "sarif": _on_demand("checker.report.sarif", "render_sarif"),
    "junit": _on_demand("checker.report.junit", "render_junit"),
    "markdown": _on_demand("checker.report.markdown", "render_markdown"),
    "html": _on_demand("checker.report.html", "render_html"),
}
# Older names kept working.
ALIASES = {"md": "markdown", "text": "full"}
# Formats for people at a terminal: a summary goes to stderr beside them.
HUMAN = {"concise", "full"}
# Formats that print only the open findings, a line or a few each (a check that stands prints them as kept).
LINES = {"concise", "full", "github", "jsonl", "statistics"}


def renderer(name: str) -> Renderer:
    """The renderer of a format name or alias ("statistics": the counts of --statistics)."""
    if name == "statistics":
        return render_statistics
    return FORMATS[ALIASES.get(name, name)]
