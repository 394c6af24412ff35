"""The documents' pages rendered in worker processes, when a run has thousands of them to render.

A cold check of 10,000 documents rendered, wrote and synced its pages in this
process (5.5 s on one core, the others idle).  Past `POOL_ABOVE` pages, chunks
go to `jobs` spawned processes that render, write and sync them, while this
process reads the next chunk's texts and claims from the store.  A page is the
same text wherever it is rendered.  Worker processes that cannot start (a
sandbox without /dev/shm) or that die leave the pages to this process, with a
warning: the pages already written are named by their content, so writing
them again changes nothing.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import BrokenExecutor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from checker.models import Claim, DocumentSummary
from checker.report.docpages import PagePlan
from checker.report.docshown import Entry, Share

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

POOL_ABOVE = 1000
# Pages in flight per worker: enough to keep each busy while the next chunk is read, memory bounded.
AHEAD = 2

Item = tuple[DocumentSummary, str | None, list[Claim]]
# Render, write and sync a chunk's pages under a folder (docfiles.render_chunk).
Renderer = Callable[[Path, PagePlan, list[Item]], None]
# The chunk's items, read from the store.
Reader = Callable[[list[DocumentSummary]], list[Item]]


def portable(plan: PagePlan, paths: Sequence[str]) -> PagePlan:
    """What a chunk's pages read of the plan, without what they do not show of each finding.

    No share holds the report's groups: the odd one out (what they are for) is worked out here first, so
    a worker is shipped it alone.  A finding too large to be shown whole keeps only the quotes these
    pages show (its positions renumbered): the fact 4,874 documents state was shipped whole with each
    chunk, 6,681 quotes, most of the 69 MB a cold check of 10,000 documents pickled for its workers.
    """
    entries = {p: plan.entries[p] for p in paths if p in plan.entries}
    shown: dict[int, set[int]] = {}
    for listed in entries.values():
        for e in listed:
            if not e.share.whole:
                shown.setdefault(id(e.share), set()).update(e.shown)
    light: dict[int, tuple[Share, dict[int, int]]] = {}

    def lighten(entry: Entry) -> Entry:
        made = light.get(id(entry.share))
        if made is None:
            _ = entry.share.odd
            share = copy.copy(entry.share)  # keeps the odd one out worked out
            share.groups = []
            renumbered: dict[int, int] = {}
            if not share.whole:
                kept = sorted(shown[id(entry.share)])
                renumbered = {old: new for new, old in enumerate(kept)}
                claims = share.finding.claims
                share.finding = share.finding.model_copy(update={"claims": [claims[i] for i in kept]})
                share.__dict__.pop("at", None)  # made again from the quotes kept
                share.cards = {}
            made = light[id(entry.share)] = (share, renumbered)
        share, renumbered = made
        if share.whole:
            return dataclasses.replace(entry, share=share)
        return dataclasses.replace(entry, share=share, shown=[renumbered[i] for i in entry.shown])

    return PagePlan(
        names={p: plan.names[p] for p in paths},
        entries={p: [lighten(e) for e in listed] for p, listed in entries.items()},
        facts={p: plan.facts[p] for p in paths if p in plan.facts},
        index=plan.index,
        shared=list(plan.shared),
    )


@dataclass
class Pages:
    """Pages to render: into `docs`, by `plan`, in chunks of documents whose texts and claims `read` gives."""

    docs: Path
    plan: PagePlan
    chunks: list[list[DocumentSummary]]
    read: Reader
    render: Renderer

    def here(self) -> None:
        """Render every chunk in this process."""
        for chunk in self.chunks:
            self.render(self.docs, self.plan, self.read(chunk))


def render_meanwhile(pages: Pages, jobs: int) -> Callable[[], None]:
    """Start rendering the pages in `jobs` processes, fed by a thread; wait with what it returns.

    The wait renders here what the workers could not, and raises what writing a page raised.
    """
    outcome: list[bool | BaseException] = []

    def feed() -> None:
        try:
            outcome.append(_in_pool(pages, jobs))
        except BaseException as exc:  # raised by the wait, in the thread that writes the reports
            outcome.append(exc)

    feeder = threading.Thread(target=feed, name="checker-pages", daemon=True)
    feeder.start()

    def wait() -> None:
        feeder.join()
        result = outcome[0]
        outcome[0] = True  # a second wait has nothing to do
        if isinstance(result, BaseException):
            raise result
        if result is False:
            pages.here()

    return wait


def _in_pool(pages: Pages, jobs: int) -> bool:
    """Render the pages in `jobs` processes; False when they could not run (nothing is lost)."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    from checker.lazylog import logger

    try:
        # No cyclic collection while a worker unpickles and renders a chunk: the chunk's hundreds of
        # thousands of new objects were walked again and again (1.8 of 6.9 s of the workers' CPU at
        # 10,000 pages); one collection after each chunk frees what the templates left in cycles.
        pool = ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn"), initializer=gc.disable)
    except OSError as exc:
        logger.warning("page workers cannot start ({}); rendering the documents' pages in this process", exc)
        return False
    with pool:
        try:
            pending: deque[Future[None]] = deque()
            for chunk in pages.chunks:
                work = (pages.docs, portable(pages.plan, [d.path for d in chunk]), pages.read(chunk))
                pending.append(_submit(pool, pages.render, work))
                while len(pending) > jobs * AHEAD:
                    pending.popleft().result()  # a page that cannot be written raises its OSError here
            while pending:
                pending.popleft().result()
        except BrokenExecutor as exc:
            logger.warning("page workers failed ({}); rendering the documents' pages in this process", exc)
            return False
    return True


def _submit(
    pool: ProcessPoolExecutor, render: Renderer, work: tuple[Path, PagePlan, list[Item]]
) -> Future[None]:
    try:
        return pool.submit(_render_then_collect, render, *work)
    except OSError as exc:  # the workers are started with the first task
        raise BrokenExecutor(str(exc)) from exc


def _render_then_collect(render: Renderer, docs: Path, plan: PagePlan, items: list[Item]) -> None:
    """A chunk rendered in a worker (whose collector is off), then the cycles it left freed at once."""
    try:
        render(docs, plan, items)
    finally:
        gc.collect()
