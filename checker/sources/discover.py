"""Find the report files under the given paths."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from checker.sources.metafiles import is_metadata_file

DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", "*.md")
# Editors' swap and backup files, VCS folders and our own output are never reports.
DEFAULT_EXCLUDE: tuple[str, ...] = (
    ".*",
    "*~",
    "*.swp",
    "*.swx",
    "*.tmp",
    "*.part",
    "*.crdownload",
    "#*#",
    "__pycache__",
    "node_modules",
    # A folder's README describes the corpus; it is not one of its reports.
    "README*",
    "readme*",
)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """Path as shown in reports: relative to the working directory when inside it."""
    base = (cwd or Path.cwd()).resolve()
    full = path.resolve() if not path.is_absolute() else path
    try:
        return full.relative_to(base).as_posix()
    except ValueError:
        return full.as_posix()


def is_excluded(name: str, exclude: Iterable[str]) -> bool:
    """Whether a file or folder name matches an exclude glob."""
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in exclude)


def is_included(name: str, include: Iterable[str]) -> bool:
    """Whether a file name matches an include glob (case-insensitive: REPORT.TXT counts)."""
    return any(fnmatch.fnmatchcase(name.lower(), pattern.lower()) for pattern in include)


def wanted(
    path: Path, include: Iterable[str] = DEFAULT_INCLUDE, exclude: Iterable[str] = DEFAULT_EXCLUDE
) -> bool:
    """Whether a file at this path is a report to check (every path part is tested against exclude)."""
    exclude = tuple(exclude)
    if any(is_excluded(part, exclude) for part in path.parts[:-1] if part not in (".", "..")):
        return False
    if is_metadata_file(path.name):
        return False
    return not is_excluded(path.name, exclude) and is_included(path.name, include)


def discover(
    paths: Iterable[Path],
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = DEFAULT_EXCLUDE,
) -> Iterator[Path]:
    """Yield report files under the paths, recursively, sorted, each once.

    A path given explicitly as a file is yielded even if its name would be
    excluded by a glob: the user asked for it by name.  Metadata files
    (sidecars, manifests) never are: they describe reports, they are none.
    """
    include, exclude = tuple(include), tuple(exclude)
    seen: set[Path] = set()
    for root in paths:
        if root.is_file():
            if root.resolve() not in seen and not is_metadata_file(root.name):
                seen.add(root.resolve())
                yield root
            continue
        found: list[Path] = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not is_excluded(d, exclude))
            for name in filenames:
                if (
                    not is_excluded(name, exclude)
                    and is_included(name, include)
                    and not is_metadata_file(name)
                ):
                    found.append(Path(dirpath) / name)
        for path in sorted(found):
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                yield path
