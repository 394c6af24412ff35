"""Find the report files under the given paths, never leaving the corpus and never blocking.

Only regular files are yielded.  A FIFO, socket or device is named in a note
and never opened (opening a FIFO blocks until a writer comes).  A symlink is
followed only when its target lies under one of the roots, unless the caller
allows more (`--follow-outside-links`); a link out of the roots, a loop or a
dangling link is a note too.  The walk itself never raises.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.sources.metafiles import is_metadata_file
from checker.sources.names import Names, printable

DEFAULT_INCLUDE: tuple[str, ...] = ("*.txt", "*.md", "*.html", "*.htm", "*.pdf", "*.docx")
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

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a directory"),
)


@dataclass(frozen=True)
class Skipped:
    """A path under the roots that is not read, and why (shown once as a note)."""

    path: Path
    reason: str


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


def real_roots(roots: Iterable[Path]) -> list[Path]:
    """The roots with every link resolved (what "under a root" is measured against)."""
    found = []
    for root in roots:
        try:
            found.append(Path(os.path.realpath(root, strict=True)))
        except (OSError, RuntimeError):
            continue
    return found


def _inside(path: Path, folders: Sequence[Path]) -> bool:
    return any(path == f or path.is_relative_to(f) for f in folders)


def _follow(path: Path, roots: Sequence[Path], outside: bool) -> tuple[Path | None, str | None]:
    """The target of the link at `path` if it may be followed, else why not."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return None, "dangling symlink (its target does not exist); skipped"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, "symlink loop; skipped"
        return None, f"symlink that cannot be followed ({exc.strerror or exc}); skipped"
    if not outside and not _inside(target, roots):
        return None, (
            f"symlink to {printable(target.as_posix())}, outside the checked folders; skipped "
            "(--follow-outside-links reads it)"
        )
    return target, None


def skip_reason(path: Path, roots: Sequence[Path], *, outside_links: bool = False) -> str | None:
    """None when `path` is a regular file to read (itself or through an allowed link), else why not.

    `roots` are real_roots().  Nothing is opened: lstat and stat only.
    """
    try:
        st = os.lstat(path)
        if stat.S_ISLNK(st.st_mode):
            target, why = _follow(path, roots, outside_links)
            if target is None:
                return why
            st = os.stat(target)
    except FileNotFoundError:
        return "vanished before it could be read (deleted or renamed)"
    except OSError as exc:
        return f"cannot be examined ({exc.strerror or exc}); skipped"
    if stat.S_ISREG(st.st_mode):
        return None
    kind = next((name for test, name in _KINDS if test(st.st_mode)), "not a regular file")
    return f"{kind}, not a regular file; skipped without opening it"


@dataclass
class _Walk:
    roots: list[Path]
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    outside_links: bool
    notes: list[Skipped]

    def folder(self, top: Path, visited: set[Path]) -> Iterator[Path]:
        """Report files under `top`; links to folders out of the roots are walked only if allowed."""

        def failed(exc: OSError) -> None:
            where = Path(exc.filename) if exc.filename else top
            self.notes.append(Skipped(where, f"folder cannot be listed ({exc.strerror or exc}); skipped"))

        for dirpath, dirnames, filenames in os.walk(top, onerror=failed):
            here = Path(dirpath)
            dirnames[:] = sorted(d for d in dirnames if not is_excluded(d, self.exclude))
            for d in dirnames:
                if (here / d).is_symlink():
                    yield from self._linked_folder(here / d, visited)
            for name in filenames:
                if (
                    is_excluded(name, self.exclude)
                    or not is_included(name, self.include)
                    or is_metadata_file(name)
                ):
                    continue
                path = here / name
                why = skip_reason(path, self.roots, outside_links=self.outside_links)
                if why is None:
                    yield path
                elif not why.startswith("vanished"):
                    self.notes.append(Skipped(path, why))

    def _linked_folder(self, link: Path, visited: set[Path]) -> Iterator[Path]:
        target, why = _follow(link, self.roots, self.outside_links)
        if target is None:
            self.notes.append(Skipped(link, why.replace("symlink", "symlinked folder", 1) if why else ""))
        elif not _inside(target, self.roots) and target not in visited:
            # Under a root it is walked anyway; outside (allowed) once, however many links lead there.
            visited.add(target)
            yield from self.folder(link, visited)


def discover(
    paths: Iterable[Path],
    include: Iterable[str] = DEFAULT_INCLUDE,
    exclude: Iterable[str] = DEFAULT_EXCLUDE,
    *,
    notes: list[Skipped] | None = None,
    outside_links: bool = False,
    roots: Iterable[Path] | None = None,
) -> Iterator[Path]:
    """Yield the regular report files under the paths, recursively, sorted, each once.

    A path given explicitly as a file is yielded even if its name would be
    excluded by a glob: the user asked for it by name.  What is skipped for
    being no regular file or a link that may not be followed goes to `notes`.
    Metadata files (sidecars, manifests) never are: they describe reports.
    `roots` are the corpus folders links may lead into (default: `paths`).
    """
    paths = list(paths)
    walk = _Walk(
        real_roots(paths if roots is None else roots),
        tuple(include),
        tuple(exclude),
        outside_links,
        notes if notes is not None else [],
    )
    seen: set[str] = set()
    names = Names()  # each folder's real path looked up once, not each file's parts
    for root in paths:
        if not root.is_dir():
            # A root the user named may itself be a link: they asked for it.
            why = skip_reason(root, walk.roots, outside_links=True)
            found = [root] if why is None and not is_metadata_file(root.name) else []
            if why is not None and not why.startswith("vanished"):
                walk.notes.append(Skipped(root, why))
        else:
            found = sorted(walk.folder(root, set()))
        for path in found:
            key = names.real(path)
            if key not in seen:
                seen.add(key)
                yield path
