"""checker: extract numeric claims from reports and cross-check them.

`checker.check(paths, **settings) -> Report` and `checker.extract(text) -> list[Claim]`
are the Python API (checker/api.py).  They are imported on first use, so
`import checker` stays cheap.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "check", "extract"]

if TYPE_CHECKING:
    from checker import api

    check = api.check
    extract = api.extract


class _CallableExtraction(types.ModuleType):
    """The package checker.extract, callable: `checker.extract(text)` is the API's function.

    Importing a subpackage makes it an attribute of its parent, so whatever
    imported checker.extract first, `checker.extract` is that package.
    """

    def __call__(self, text: str, path: str = "text") -> Any:
        from checker.api import extract as extract_text

        return extract_text(text, path)


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name == "extract" and type(value) is types.ModuleType:
            value.__class__ = _CallableExtraction
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    if name == "check":
        from checker import api

        return api.check
    if name == "extract":
        import checker.extract as extraction

        return extraction
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
