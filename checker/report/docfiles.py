"""reports/docs/: the documents' own pages, each written once, listed in pages.json, pruned by retention.

The pages link one stylesheet beside them (`_style.<digest>.css`, written before them).

A page's name holds the digest of what it shows, so a page once written never
changes.  Pages are written (to a temporary name, synced, renamed) before the
run's set is switched to: a set never names a page that is not there.  After
the switch docs/pages.json records the last run that used each page and the
runs kept; a page no kept run used is deleted, as is a stray page of a run that
failed before its switch (once it is an hour old: another writer may be
between its pages and its switch).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from checker.gcpause import paused_gc
from checker.models import Claim, DocumentSummary, Report
from checker.report.docpages import DOCS, KeptPages, PagePlan, plan_pages
from checker.report.docview import (
    documents_index_rows,
    page_salt,
    render_document_page,
    render_documents_index,
    stylesheet,
)
from checker.report.pagepool import POOL_ABOVE, Item, Pages, render_meanwhile
from checker.report.writer import atomic_write

INDEX = "pages.json"
# Documents whose texts are read from the store at once when pages are rendered: memory stays bounded.
CHUNK = 500
STRAY_SECONDS = 3600

# Texts and claims of these document paths (from the store).
Loader = Callable[[list[str]], tuple[dict[str, str], dict[str, list[Claim]]]]


@paused_gc()
def publish_pages(
    folder: Path, report: Report, load: Loader, extractor: str, jobs: int = 1
) -> tuple[PagePlan, int]:
    """Every document's page under folder/docs/, rendering only those not there; the plan and how many."""
    plan, count, wait = start_pages(folder, report, load, extractor, jobs)
    wait()
    return plan, count


def start_pages(
    folder: Path,
    report: Report,
    load: Loader,
    extractor: str,
    jobs: int = 1,
    *,
    kept: KeptPages | None = None,
) -> tuple[PagePlan, int, Callable[[], None]]:
    """`publish_pages`, with thousands of pages rendered by `jobs` worker processes meanwhile.

    The plan is made (and the list of documents written) before it returns; the pages may still be
    in the making (report/pagepool.py): `wait` returns once they are all written, or raises why not.
    `kept`: what the process's last run planned (docpages.py), for a process that makes many runs.
    """
    plan = plan_pages(report, page_salt(extractor), kept)
    docs = folder / DOCS
    docs.mkdir(parents=True, exist_ok=True)
    have = set(os.listdir(docs))
    name, css = stylesheet()  # before the pages that link it
    if name not in have:
        _sync([_write(docs / name, css)])
    plan.shared.append(name)
    _publish_index(docs, report, plan, kept)  # no set links it before the switch, after the pages
    todo = in_render_order([d for d in report.documents if plan.names[d.path] not in have], plan)
    chunks = [todo[start : start + CHUNK] for start in range(0, len(todo), CHUNK)]

    def read(chunk: list[DocumentSummary]) -> list[Item]:
        texts, claims = load([d.path for d in chunk])
        return [(d, texts.get(d.path), claims.get(d.path, [])) for d in chunk]

    pages = Pages(docs, plan, chunks, read, render_chunk)
    if jobs > 1 and len(todo) > POOL_ABOVE:
        return plan, len(todo), render_meanwhile(pages, jobs)
    pages.here()
    return plan, len(todo), lambda: None


def in_render_order(todo: list[DocumentSummary], plan: PagePlan) -> list[DocumentSummary]:
    """The documents whose pages a finding shows whole, side by side (by its anchor), so chunks share them.

    Each chunk a worker renders is shipped the findings its pages show and makes their cards again:
    a finding of five documents spread over five chunks was pickled, unpickled and drawn five times
    (at 10,000 pages, 1.0–1.6 s of the workers' CPU and 0.3 s of this process's).  Pages are named by
    what they show, so the order changes none of them.
    """
    return sorted(
        todo,
        key=lambda d: min((e.anchor for e in plan.entries.get(d.path, ()) if e.share.whole), default="~"),
    )


def render_chunk(docs: Path, plan: PagePlan, items: list[Item]) -> None:
    """Render, write and sync the pages of a chunk of documents (here, or in a worker process)."""
    _sync(
        [
            _write(docs / plan.names[d.path], render_document_page(plan, d, text, claims))
            for d, text, claims in items
        ]
    )


def _publish_index(docs: Path, report: Report, plan: PagePlan, kept: KeptPages | None = None) -> None:
    """The list of every document, named by a digest of what it shows: rendered when that changed."""
    rows, digest = documents_index_rows(report, plan, kept.rows if kept is not None else None)
    # "_" starts no document's page name (their stems are stripped of it): no clash.
    plan.index = f"_all.{digest[:16]}.html"
    if not (docs / plan.index).is_file():
        _sync([_write(docs / plan.index, render_documents_index(rows))])


def _write(path: Path, text: str) -> Path:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    return tmp


def _sync(temporaries: Sequence[Path]) -> None:
    """Sync the written pages (together: the journal commits them in few batches), then name them."""

    def sync(path: Path) -> None:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(sync, temporaries))
    for tmp in temporaries:
        os.replace(tmp, tmp.with_name(tmp.name[1:].rsplit(".", 2)[0]))


def read_index(folder: Path) -> dict[str, Any]:
    """docs/pages.json, or an empty one (damaged: every page not used now becomes a stray)."""
    try:
        raw: Any = json.loads((folder / DOCS / INDEX).read_text(encoding="utf-8"))
        if isinstance(raw, dict) and isinstance(raw.get("runs"), list) and isinstance(raw.get("pages"), dict):
            return raw
    except (OSError, ValueError):
        pass
    return {"version": 1, "runs": [], "pages": {}}


def record_pages(folder: Path, plan: PagePlan | None, stamp: str, retention: int) -> None:
    """After the switch: note the pages this run used, then delete those no kept run used."""
    docs = folder / DOCS
    if plan is None and not docs.is_dir():
        return
    index = read_index(folder)
    # The set before the current is kept for a reader who just opened it: so are its pages.
    runs = [stamp, *[r for r in index["runs"] if r != stamp]][: max(retention, 2)]
    pages: dict[str, dict[str, str]] = index["pages"]
    for path, name in (plan.names if plan else {}).items():
        pages[name] = {"path": path, "run": stamp}
    for name in [n for n in [plan.index, *plan.shared] if n] if plan is not None else []:
        pages[name] = {"path": "", "run": stamp}
    oldest = min(runs)
    kept = {name: page for name, page in pages.items() if page.get("run", "") >= oldest}
    atomic_write(
        docs / INDEX, json.dumps({"version": 1, "runs": runs, "pages": kept}, ensure_ascii=False) + "\n"
    )
    for old in _unused(docs, kept, set(pages) - set(kept)):
        old.unlink(missing_ok=True)


def _unused(docs: Path, kept: dict[str, Any], dropped: set[str]) -> Iterator[Path]:
    """Pages no kept run uses, and strays (a failed run's pages, temporaries) an hour old."""
    now = time.time()
    for entry in os.scandir(docs):
        if entry.name == INDEX or entry.name in kept or not entry.is_file(follow_symlinks=False):
            continue
        if entry.name in dropped or now - entry.stat().st_mtime > STRAY_SECONDS:
            yield Path(entry.path)
