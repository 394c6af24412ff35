"""YAML front matter at the top of a .txt/.md file: read it, then blank it out of the text.

The block (``---`` … ``---``) is replaced by spaces of the same length with
its line breaks kept, so every claim's offsets, lines and columns stay those
of the file, and no figure is ever read from the metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Final

from checker.sources.yamltext import safe_load

_OPEN_RE: Final[re.Pattern[str]] = re.compile(r"\A[ \t]*---[ \t]*\n")
_CLOSE_RE: Final[re.Pattern[str]] = re.compile(r"^[ \t]*(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
# A key line ("date: 2024-06-05") must open the block: a Markdown rule followed by prose is not metadata.
_KEY_RE: Final[re.Pattern[str]] = re.compile(r"\A\s*(?:#[^\n]*\n\s*)*[A-Za-z_][\w-]*[ \t]*:")
_MAX_LINES: Final[int] = 200


@dataclass
class FrontMatter:
    """The parsed block, the text with it blanked, and a problem with its line when it is not valid YAML."""

    data: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    problem: str | None = None
    line: int | None = None
    found: bool = False


def blank(text: str, start: int, end: int) -> str:
    """`text` with [start, end) replaced by spaces, line breaks kept."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def split_front_matter(text: str) -> FrontMatter:
    """The front matter of `text`, if it opens with one; otherwise `found` is False and the text unchanged."""
    opening = _OPEN_RE.match(text)
    if opening is None:
        return FrontMatter(text=text)
    closing = _CLOSE_RE.search(text, opening.end())
    if closing is None or text.count("\n", 0, closing.start()) > _MAX_LINES:
        return FrontMatter(text=text)
    body = text[opening.end() : closing.start()]
    if not _KEY_RE.match(body):
        return FrontMatter(text=text)
    out = FrontMatter(text=blank(text, 0, closing.end()), found=True)
    import yaml  # here, not at the top: only a document with front matter needs it

    try:
        data = safe_load(body)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        out.line = mark.line + 2 if mark else None  # +1 for 1-based, +1 for the opening ---
        out.problem = (
            f"front matter is not valid YAML ({exc.problem or exc}); check its indentation and quoting"
        )
        return out
    except yaml.YAMLError as exc:
        out.problem = f"front matter is not valid YAML ({exc}); check its indentation and quoting"
        return out
    if not isinstance(data, dict):
        out.problem = "front matter must be a mapping of keys (date: 2024-06-05, title: ...)"
        return out
    out.data = {str(k): v for k, v in data.items()}
    return out


def key_line(text: str, key: str) -> int | None:
    """The 1-based line of `key:` in the front matter of `text` (for error messages)."""
    m = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*:", text, re.MULTILINE)
    return None if m is None else text.count("\n", 0, m.start()) + 1
