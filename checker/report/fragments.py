"""Pieces of the review page kept from the last render of this process, keyed by what they show.

The watch service renders latest.html after every edit, and most of its 500
findings show the same as before: each finding's rows are rendered once, kept
under a digest of everything they show (the finding with its status, its odd
one out and fact sheet, where its quotes link, the template and our version),
and joined again.  Only the pieces the last render used survive the next one,
so the cache holds one page's worth.  A key names the bytes exactly: a piece
taken from the cache is the piece rendering would give.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from threading import Lock

from checker import __version__
from checker.models import ClaimRef
from checker.report.htmlviews import FindingView, Links


class Fragments:
    """Rendered pieces of the last render (and of this one so far), by key."""

    def __init__(self) -> None:
        self._last: dict[str, str] = {}
        self._now: dict[str, str] = {}
        self._made: set[str] = set()  # keys of the pieces this render made (the others were kept)
        self._lock = Lock()

    def begin(self) -> None:
        """A new render: what the previous one used is kept, anything older is dropped."""
        with self._lock:
            self._last, self._now, self._made = self._now, {}, set()

    def get(self, key: str, make: Callable[[], str]) -> str:
        """The piece under `key`, made (and kept) when the last render had none."""
        with self._lock:
            text = self._now.get(key) or self._last.get(key)
        made = text is None
        if text is None:
            text = make()
        with self._lock:
            self._now[key] = text
            if made:
                self._made.add(key)
        return text

    def empty(self) -> bool:
        """Whether this process has rendered nothing yet (nor been given pieces)."""
        with self._lock:
            return not self._now and not self._last

    def seed(self, pieces: Mapping[str, str]) -> None:
        """Pieces an earlier process rendered (report/keptfragments.py): the next render may take them."""
        with self._lock:
            self._now = {**pieces, **self._now}

    def rendered(self) -> tuple[dict[str, str], list[str]]:
        """Of the last render: the pieces it made, and the keys of every piece it used."""
        with self._lock:
            return {k: self._now[k] for k in self._made}, list(self._now)


def finding_key(salt: str, view: FindingView, links: Links, dumped: bytes) -> str:
    """A digest of what a finding's rows show: `view` before its claim cards are made, and its links.

    `dumped` is the finding's JSON (`model_dump_json`, as bytes).
    """
    f, odd, sheet = view.finding, view.odd, view.sheet
    h = hashlib.sha256(f"{__version__}\x1f{salt}\x1f{view.anchor}\x1f{view.more}".encode())
    h.update(dumped)
    shown = [
        [odd.path, odd.said, odd.agreeing, odd.agreed] if odd else None,
        sheet.model_dump(mode="json") if sheet else None,
        [links.text(c) for c in f.claims],
    ]
    h.update(json.dumps(shown, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def fact_key(salt: str, subject: str, agreed: list[ClaimRef]) -> str:
    """A digest of what a corroborated fact shows: its subject and what the page quotes of each claim."""
    quoted = [[c.path, c.language, c.sentence, c.text, c.line, c.page, c.paragraph] for c in agreed]
    h = hashlib.sha256(f"{__version__}\x1f{salt}\x1f{subject}".encode())
    h.update(json.dumps(quoted, ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def timeline_key(salt: str, anchor: str, dumped: bytes) -> str:
    """A digest of what a timeline shows (its chart is drawn from it alone): `dumped` is its JSON."""
    h = hashlib.sha256(f"{__version__}\x1f{salt}\x1f{anchor}".encode())
    h.update(dumped)
    return h.hexdigest()
