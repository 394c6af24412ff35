"""checker: extract numeric claims from reports and cross-check them.

`checker.check(paths, **settings) -> Report` and `checker.extract(text) -> list[Claim]`
are the Python API (checker/api.py).  They are imported on first use, so
`import checker` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "check", "extract"]

if TYPE_CHECKING:
    from checker import api

    check = api.check
    extract = api.extract


def __getattr__(name: str) -> Any:
    if name in ("check", "extract"):
        from checker import api

        return getattr(api, name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
