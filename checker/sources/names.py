"""How a file is named in the store and the reports: relative to the working folder, its folders' links resolved."""

from __future__ import annotations

import os
from pathlib import Path


def printable(text: str) -> str:
    r"""A file name as shown and stored: bytes that are not UTF-8 become \xNN escapes.

    os.fsdecode keeps such bytes as lone surrogates, which no UTF-8 consumer
    (SQLite, JSON, the terminal) accepts; the escaped form is one name per file.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def _absolute(path: Path) -> Path:
    """`path` absolute with its folders' links resolved, the last part kept as named."""
    full = Path(os.path.abspath(path))
    try:
        if path.name in ("", ".", ".."):
            return full.resolve()
        return full.parent.resolve() / full.name
    except (OSError, RuntimeError):
        # A link loop among the folders: the lexical path still names it.
        return full


def display_path(path: Path, cwd: Path | None = None) -> str:
    """Path as shown in reports: relative to the working directory when inside it.

    Relative paths have their folders' links resolved (so one file has one name
    however it was reached); the file's own name is kept, so a link is shown as
    the link.  Names that are not UTF-8 are shown with escapes (see printable).
    """
    # getcwd already names the folder with its links resolved: no file-system call per path for it.
    base = _absolute(cwd) if cwd is not None else Path.cwd()
    full = _absolute(path) if not path.is_absolute() else path
    try:
        return printable(full.relative_to(base).as_posix())
    except ValueError:
        return printable(full.as_posix())


class Names:
    """display_path (and the real path) of many files in few folders: each folder resolved once.

    A reconcile names every file of the corpus; resolving the same folder for
    each of them was most of the cost of noticing that nothing changed.  One
    instance serves one pass over the files (links may change between passes).
    Strings rather than Paths: building Path objects was the next largest cost.
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def _full(self, path: Path) -> str:
        """The absolute path with the folder's links resolved (looked up once per folder)."""
        full = os.path.abspath(path)
        parent, name = os.path.split(full)
        folder = self._folders.get(parent)
        if folder is None:
            try:
                folder = str(Path(parent).resolve())
            except (OSError, RuntimeError):
                folder = parent  # a link loop: the lexical path still names it
            self._folders[parent] = folder
        return os.path.join(folder, name)

    def display(self, path: Path) -> str:
        """display_path(path), as that names it."""
        if path.is_absolute() or path.name in ("", ".", ".."):
            return display_path(path)
        full = self._full(path)
        base = os.getcwd().rstrip(os.sep) + os.sep
        shown = full[len(base) :] if full.startswith(base) else full
        return printable(Path(shown).as_posix() if os.sep != "/" else shown)

    def real(self, path: Path) -> str:
        """os.path.realpath(path), with the folder's part looked up once."""
        if path.name in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)  # never raises: a link loop keeps its lexical rest
        return self._full(path)
