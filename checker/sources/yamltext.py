"""YAML for metadata: safe, and dates kept as text so a bad one is our error message, not a crash.

PyYAML turns ``2024-06-05`` into a date itself and raises a bare ValueError on
``2024-13-45``; metadata dates are parsed by `checker.sources.dates` instead.
"""

from __future__ import annotations

from functools import cache
from typing import Any

# PyYAML is imported on the first document with front matter or a metadata file: most have neither,
# and `checker claims` of plain text should not pay for it.
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@cache
def _loader() -> Any:
    import yaml

    class _Loader(yaml.SafeLoader):
        """SafeLoader without the implicit timestamp type."""

    _Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _Loader


def safe_load(text: str) -> Any:
    """The YAML document in `text` (no tags, no code, dates as strings)."""
    import yaml

    return yaml.load(text, Loader=_loader())  # noqa: S506 - _Loader is a SafeLoader
