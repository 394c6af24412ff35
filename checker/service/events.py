"""Watchdog events to change hints: which paths may have changed, after the ignore rules.

Events are hints, not facts.  An event only says "look at this path again";
the run that follows reads the disk and decides what happened.  That is why a
create, an edit, a delete, a rename and an editor's atomic save (write a
temporary file, rename it over the original) all need nothing special here:
each names the paths involved, and a rename names both ends.

Hints are expressed under the root as the user typed it (``corpus/a.txt``,
not ``/home/me/corpus/a.txt``) so the store keys of a watched change match the
keys a full reconcile or ``checker check`` would use.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)

from checker.sources.discover import is_excluded, wanted
from checker.sources.metafiles import described_by, is_metadata_file

# Editors' and tools' scratch files are never reports, whatever the configured
# exclude globs say: the watcher adds these to them (and so does its reconcile).
EDITOR_TEMPORARIES: tuple[str, ...] = (
    ".#*",
    "#*#",
    "*~",
    "*.swp",
    "*.swx",
    "*.tmp",
    ".git",
    ".hg",
    ".svn",
)

# Our own reads open and close files: those events must never come back as work.
WATCHED_EVENTS: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]
_FILE_EVENTS = frozenset({"created", "modified", "closed", "deleted", "moved"})
# A folder's own "modified" only means its listing changed; the files' events say how.
_DIR_EVENTS = frozenset({"created", "deleted", "moved"})


def with_editor_temporaries(exclude: Iterable[str]) -> list[str]:
    """The exclude globs plus the editor temporaries they do not already name."""
    globs = list(exclude)
    return globs + [g for g in EDITOR_TEMPORARIES if g not in globs]


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


@dataclass(frozen=True)
class Root:
    """A watched path: as the user typed it, and resolved (what the observer watches)."""

    given: Path
    real: Path
    is_file: bool

    @classmethod
    def of(cls, given: Path) -> Root:
        real = given.resolve()
        return cls(given=given, real=real, is_file=real.is_file())

    @property
    def folder(self) -> Path:
        """The folder to watch: the root itself, or the folder holding a single-file root."""
        return self.real.parent if self.is_file else self.real


class HintFilter:
    """Decides, for a path an event named, whether it is a document hint, a rule hint, or noise."""

    def __init__(
        self,
        roots: Sequence[Root],
        *,
        include: Iterable[str],
        exclude: Iterable[str],
        rule_paths: Iterable[Path] = (),
        ignore_under: Iterable[Path] = (),
    ) -> None:
        self.roots = list(roots)
        self.include = tuple(include)
        self.exclude = tuple(with_editor_temporaries(exclude))
        self.rule_paths = [p.resolve() for p in rule_paths]
        # Our own output (reports, the store) lives there; reading it back would loop forever.
        self.ignore_under = [p.resolve() for p in ignore_under]

    def is_rule(self, path: Path) -> bool:
        """Whether the path is, or is inside, a configured rule file or folder (scratch files aside)."""
        if is_excluded(path.name, self.exclude):
            return False
        return any(_inside(path, r) for r in self.rule_paths)

    def document(self, path: Path, *, is_directory: bool) -> Path | None:
        """The hint for this absolute path, in its root's given form, or None to ignore it."""
        if any(_inside(path, folder) for folder in self.ignore_under):
            return None
        for root in self.roots:
            if root.is_file:
                if path == root.real:
                    return root.given
                continue
            if not _inside(path, root.real):
                continue
            rel = path.relative_to(root.real)
            if rel == Path("."):
                return root.given  # the root itself went away or came back: look at all of it
            if is_directory:
                if any(is_excluded(part, self.exclude) for part in rel.parts):
                    return None
                return root.given / rel
            if is_metadata_file(rel.name):
                return self._described(root, rel)
            return root.given / rel if wanted(rel, self.include, self.exclude) else None
        return None

    def _described(self, root: Root, rel: Path) -> Path | None:
        """The document a sidecar describes, or the folder a manifest (or an ambiguous sidecar) describes."""
        if any(is_excluded(part, self.exclude) for part in rel.parts[:-1]):
            return None
        folder = rel.parent
        name = described_by(rel)
        if name is not None:
            if wanted(folder / name, self.include, self.exclude):
                return root.given / folder / name
            real = root.real / folder
            named = [p for p in real.glob(f"{name}.*") if wanted(folder / p.name, self.include, self.exclude)]
            if len(named) == 1:
                return root.given / folder / named[0].name
        # The folder: the run looks at each document in it and re-reads those whose metadata changed.
        return root.given / folder if folder != Path(".") else root.given


class HintSink(Protocol):
    """Where hints go (the Coalescer)."""

    def add(self, paths: Iterable[Path] = (), *, rules: bool = False, now: float | None = None) -> None:
        """Queue the hints."""
        ...


class HintHandler(FileSystemEventHandler):
    """A watchdog handler that turns raw events into hints for a sink."""

    def __init__(self, hints: HintFilter, sink: HintSink) -> None:
        super().__init__()
        self.hints = hints
        self.sink = sink

    def on_any_event(self, event: FileSystemEvent) -> None:
        kinds = _DIR_EVENTS if event.is_directory else _FILE_EVENTS
        if event.event_type not in kinds:
            return
        paths: set[Path] = set()
        rules = False
        for raw in (event.src_path, event.dest_path):
            if not raw:
                continue
            path = Path(os.fsdecode(raw))
            rules = rules or self.hints.is_rule(path)
            hint = self.hints.document(path, is_directory=event.is_directory)
            if hint is not None:
                paths.add(hint)
        self.sink.add(paths, rules=rules)
