"""Every output format by name, for `--output-format` of `checker check` and `checker report`."""

from __future__ import annotations

from collections.abc import Callable

from checker.models import Report
from checker.report.gitlab import render_gitlab
from checker.report.html import render_html
from checker.report.json import render_json
from checker.report.junit import render_junit
from checker.report.lines import render_concise, render_full, render_github, render_jsonl
from checker.report.markdown import render_markdown
from checker.report.sarif import render_sarif

Renderer = Callable[[Report], str]

FORMATS: dict[str, Renderer] = {
    "concise": render_concise,
    "full": render_full,
    "json": render_json,
    "jsonl": render_jsonl,
    "github": render_github,
    "gitlab": render_gitlab,
    "sarif": render_sarif,
    "junit": render_junit,
    "markdown": render_markdown,
    "html": render_html,
}
# Older names kept working.
ALIASES = {"md": "markdown", "text": "full"}
# Formats for people at a terminal: a summary goes to stderr beside them.
HUMAN = {"concise", "full"}


def renderer(name: str) -> Renderer:
    """The renderer of a format name or alias."""
    return FORMATS[ALIASES.get(name, name)]
