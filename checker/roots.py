"""Which paths lie under the corpus roots: stored paths by prefix, disk paths by resolving."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path


def prefixes(roots: Sequence[Path]) -> tuple[str, ...]:
    """Each root as an absolute path, as given and with links resolved."""
    return tuple({p for root in roots for p in (os.path.abspath(root), str(root.resolve()))})


def under(path: str, prefixes: tuple[str, ...]) -> bool:
    """Whether a stored path lies under one of `prefixes`.

    Stored paths were resolved when they were made (display_path), so abspath
    is enough here: no file-system call per document on every run.
    """
    full = os.path.abspath(path)
    return any(full == r or full.startswith(r.rstrip(os.sep) + os.sep) for r in prefixes)


def only_under(paths: Iterable[str], prefixes: tuple[str, ...]) -> set[str]:
    """Those of `paths` that lie under one of `prefixes` (`under`, remembered for each path).

    The service asks it of every document every run: 0.1 s at 10,000 documents when worked out anew.
    """
    here = os.getcwd()  # a relative path is under a root or not depending on where we are
    return {p for p in paths if _under(p, prefixes, here)}


@lru_cache(maxsize=1 << 18)
def _under(path: str, prefixes: tuple[str, ...], _here: str) -> bool:
    return under(path, prefixes)


def within_root(path: Path, roots: Sequence[Path]) -> Path | None:
    """`path` relative to the root it lies under (None if under none).

    Exclude globs apply below the root only: a corpus may itself live in a
    hidden folder (~/.data/corpus) without every file in it being excluded.
    """
    full = path.resolve()
    for root in roots:
        r = root.resolve()
        if full == r:
            return Path(path.name)
        if full.is_relative_to(r):
            return full.relative_to(r)
    return None
