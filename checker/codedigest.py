"""A digest of some of the package's own files, by content: what a cache kept in the store follows from.

Kept units (kept.py) follow from the code that judges, the review page's kept
pieces (report/keptfragments.py) from the code that renders: rows kept by other
code are never read.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from checker import __version__

PACKAGE = Path(__file__).resolve().parent


@cache
def code_digest(names: tuple[str, ...], pattern: str = "*.py") -> str:
    """Our version and the files of `names` (folders, read for `pattern`, or files of the package)."""
    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    for name in names:
        root = PACKAGE / name
        for path in sorted(root.rglob(pattern)) if root.is_dir() else [root]:
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(f"\x1e{path.relative_to(PACKAGE)}\x1f".encode())
                h.update(path.read_bytes())
    return h.hexdigest()
