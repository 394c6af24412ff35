"""The review page's pieces kept in the store, for the next process that renders it.

The watch service keeps the pieces of its last latest.html in memory
(report/fragments.py): after an edit it renders the few that changed.  A
command is a new process every time: `checker check` after one edit at 10,000
documents rendered its 500 findings', 500 timelines' and 500 facts' pieces
again, 0.63 s of the run against 0.16 s in the service.  So the pieces a
render used are kept in the store too, by the same keys, under the roots'
kind; a process that has rendered nothing yet starts from them.

A piece's key names what it shows but not the code that renders it: the rows
are kept with a digest of the report's and the models' code, and rows kept by
other code are dropped, never read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from checker.codedigest import code_digest
from checker.packing import pack_text, unpack_text
from checker.report.html import fragments
from checker.store.base import Store

# What renders a piece: these folders' files by content (templates, stylesheet and script included).
CODE = ("report", "models")


def rendered(store: Store, roots: Sequence[str], render: Callable[[], str]) -> str:
    """`render()`, starting from the pieces kept in the store when this process kept none; then keep its pieces."""
    kind, code = _kind(roots), f"code {_code_digest()}"
    kept = fragments()
    if kept.empty():
        rows = store.kept(kind)
        try:
            if code in rows:
                kept.seed({key: unpack_text(data) for key, data in rows.items() if key != code})
                rows = {}
        except ValueError:
            pass  # a damaged row (the store is a file anyone may touch): every piece is rendered again
        if rows:
            store.keep(kind, {}, [])  # kept by other code, or damaged: a key may now name other bytes
    page = render()
    made, used = kept.rendered()
    store.keep(kind, {code: b"", **{key: pack_text(text) for key, text in made.items()}}, [code, *used])
    return page


def _kind(roots: Sequence[str]) -> str:
    """The rows of the runs over exactly these roots (as checker/kept.py names its kinds)."""
    return "fragments " + json.dumps(list(roots), ensure_ascii=False)


def _code_digest() -> str:
    return code_digest(CODE, "*")
