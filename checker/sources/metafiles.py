"""Metadata files beside the reports: sidecars (NAME.meta.yml) and folder manifests (sources.csv/.yml).

A sidecar describes one document (``report.txt.meta.yml`` or
``report.meta.yml``); a manifest describes the documents of its folder, one
entry per path relative to the folder.  These files are never corpus
documents.  `signature` digests the size and mtime of every metadata file
that may describe a document, so a change to any of them (an edit, a new
one, a deletion) makes the document be read again.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, Final

from checker.sources.yamltext import safe_load

SIDECAR_SUFFIXES: Final[tuple[str, ...]] = (".meta.yml", ".meta.yaml")
MANIFEST_NAMES: Final[tuple[str, ...]] = ("sources.csv", "sources.yml", "sources.yaml")
_PATH_KEYS: Final[tuple[str, ...]] = ("path", "file", "filename", "name")


def is_metadata_file(name: str) -> bool:
    """Whether a file name is a sidecar or a manifest (never a report to check)."""
    low = name.lower()
    return low in MANIFEST_NAMES or low.endswith(SIDECAR_SUFFIXES)


def _names_of(path: Path) -> list[str]:
    """The names of the metadata files that may describe `path` (sidecars_of and manifests_of, as strings)."""
    name, dot = path.name, path.name.rfind(".")
    names = [name + s for s in SIDECAR_SUFFIXES]
    if 0 < dot < len(name) - 1:
        names += [name[:dot] + s for s in SIDECAR_SUFFIXES]
    return names + list(MANIFEST_NAMES)


def sidecars_of(path: Path) -> list[Path]:
    """The sidecar names a document may have, the most specific first (report.txt.meta.yml)."""
    names = [path.name + s for s in SIDECAR_SUFFIXES]
    if path.suffix:
        names += [path.stem + s for s in SIDECAR_SUFFIXES]
    return [path.with_name(n) for n in names]


def manifests_of(path: Path) -> list[Path]:
    """The manifests that may describe a document: those of its folder."""
    return [path.with_name(n) for n in MANIFEST_NAMES]


def listed(candidates: list[Path], listing: FolderNames | None) -> list[Path]:
    """The candidates (of one folder) that its listing names: no lookup of the others (all without one)."""
    names = listing(candidates[0].parent) if listing is not None and candidates else None
    return candidates if names is None else [c for c in candidates if c.name.casefold() in names]


def described_by(meta_file: Path) -> str | None:
    """The document name a sidecar describes without its suffix guess ("report.txt"), or its stem."""
    low = meta_file.name.lower()
    for suffix in SIDECAR_SUFFIXES:
        if low.endswith(suffix):
            return meta_file.name[: -len(suffix)]
    return None


class FolderNames:
    """Each folder's entry names (casefolded), listed once: a reconcile asks about every document's folder.

    Only a name listed may be a metadata file, so the others are not looked up
    one by one; listed ones are still looked up by their exact name, so the
    answer is the same on case-sensitive and case-insensitive file systems.
    """

    def __init__(self) -> None:
        self._names: dict[Path, frozenset[str] | None] = {}

    def __call__(self, folder: Path) -> frozenset[str] | None:
        if folder not in self._names:
            try:
                self._names[folder] = frozenset(n.casefold() for n in os.listdir(folder))
            except OSError:
                self._names[folder] = None  # not listable: look each name up
        return self._names[folder]


def none_listed(path: Path, listing: FolderNames | None) -> bool:
    """Whether the listing of `path`'s folder names none of the metadata files that may describe it.

    Most documents have none: their candidates are never made into paths and looked up.
    """
    listed = listing(path.parent) if listing is not None else None
    return listed is not None and not any(n.casefold() in listed for n in _names_of(path))


def signature(path: Path, listing: FolderNames | None = None) -> str:
    """Digest of name, size and mtime of the metadata files that may describe `path` ("" when none)."""
    found: list[str] = []
    if none_listed(path, listing):
        return ""
    for candidate in listed([*sidecars_of(path), *manifests_of(path)], listing):
        try:
            st = candidate.stat()
        except OSError:
            continue
        found.append(f"{candidate.name}\x1f{st.st_size}\x1f{st.st_mtime_ns}")
    if not found:
        return ""
    return hashlib.sha256("\x1e".join(found).encode("utf-8")).hexdigest()[:16]


@dataclass
class Entry:
    """Metadata of one document from a metadata file, with the file and line it came from."""

    data: dict[str, Any]
    source: Path
    line: int | None = None


@dataclass
class Loaded:
    """A parsed metadata file: entries by path (manifests) or one entry (sidecars), or its problem."""

    entries: dict[str, Entry] = field(default_factory=dict)
    problem: str | None = None
    line: int | None = None


def _yaml(source: Path, text: str) -> tuple[Any, str | None, int | None]:
    import yaml  # here, not at the top: only a metadata file needs it

    try:
        return safe_load(text), None, None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return (
            None,
            f"not valid YAML ({exc.problem or exc}); check the indentation and quoting",
            (mark.line + 1 if mark else None),
        )
    except yaml.YAMLError as exc:
        return None, f"not valid YAML ({exc}); check the indentation and quoting", None


def _key(raw: object) -> str:
    return PurePosixPath(str(raw).strip().replace("\\", "/")).as_posix().removeprefix("./")


def _manifest_yaml(source: Path, text: str) -> Loaded:
    data, problem, line = _yaml(source, text)
    if problem:
        return Loaded(problem=problem, line=line)
    out = Loaded()
    if isinstance(data, dict):
        for name, value in data.items():
            if isinstance(value, dict):
                out.entries[_key(name)] = Entry(dict(value), source)
        return out
    if isinstance(data, list):
        for item in data:
            name = next((item[k] for k in _PATH_KEYS if isinstance(item, dict) and k in item), None)
            if name is not None:
                out.entries[_key(name)] = Entry(
                    {k: v for k, v in item.items() if k not in _PATH_KEYS}, source
                )
        return out
    return Loaded(problem="a manifest is a mapping of path → metadata, or a list of entries with a path")


def _manifest_csv(source: Path, text: str) -> Loaded:
    reader = csv.DictReader(io.StringIO(text))
    fields = [f.strip().lower() for f in reader.fieldnames or []]
    column = next((k for k in _PATH_KEYS if k in fields), None)
    if column is None:
        return Loaded(problem=f"no path column (one of {', '.join(_PATH_KEYS)}) in its header row", line=1)
    out = Loaded()
    for row in reader:
        clean = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        name = clean.pop(column, "")
        if name:
            data = {k: v for k, v in clean.items() if v}
            out.entries[_key(name)] = Entry(data, source, line=reader.line_num)
    return out


def _sidecar(source: Path, text: str) -> Loaded:
    data, problem, line = _yaml(source, text)
    if problem:
        return Loaded(problem=problem, line=line)
    if data is None:
        return Loaded()
    if not isinstance(data, dict):
        return Loaded(problem="a sidecar is a mapping of keys (date: 2024-06-05, title: ...)")
    return Loaded(entries={"": Entry({str(k): v for k, v in data.items()}, source)})


@lru_cache(maxsize=256)
def _load(source: Path, size: int, mtime_ns: int) -> Loaded:
    """One metadata file, parsed once per version (size and mtime key the cache)."""
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return Loaded(problem=f"cannot be read ({exc}); save it as UTF-8 text")
    if source.name.lower() == "sources.csv":
        return _manifest_csv(source, text)
    if source.name.lower() in MANIFEST_NAMES:
        return _manifest_yaml(source, text)
    return _sidecar(source, text)


def load(source: Path) -> Loaded | None:
    """The parsed file, or None when it does not exist."""
    try:
        st = source.stat()
    except OSError:
        return None
    if not source.is_file():
        return None
    return _load(source, st.st_size, st.st_mtime_ns)
