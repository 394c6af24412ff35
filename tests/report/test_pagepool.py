"""The documents' pages rendered in worker processes (report/pagepool.py): the same pages, nothing lost.

Real spawned processes over the seeds' real report; the pool's threshold and chunk size are lowered so
five documents make three chunks.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from checker.app import Checker
from checker.config import Settings
from checker.models import DocumentSummary, Report
from checker.report import docfiles, docshown
from checker.report.docpages import DOCS, PagePlan, plan_pages
from checker.report.pagepool import Item, Pages, Renderer, portable, render_meanwhile
from checker.selection import rules_for
from tests.conftest import ROOT


def _checked(corpus: Path, tmp_path: Path) -> Iterator[tuple[Checker, Report]]:
    """A Checker that checked `corpus` (writing no reports), and its report; closed after the test."""
    settings = Settings(store=tmp_path / "s.db", reports=tmp_path / "r", rules=[ROOT / "rules"])
    rules, errors = rules_for(settings)
    app = Checker(settings, rules, errors)
    try:
        yield app, app.run([corpus], write=False).report
    finally:
        app.close()


@pytest.fixture
def checked(seeds_copy: Path, tmp_path: Path) -> Iterator[tuple[Checker, Report]]:
    yield from _checked(seeds_copy, tmp_path)


def _pages(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / DOCS).iterdir()) if p.name != docfiles.INDEX}


def test_pages_rendered_by_workers_are_the_pages_rendered_here(
    checked: tuple[Checker, Report], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, report = checked
    monkeypatch.setattr(docfiles, "POOL_ABOVE", 0)
    monkeypatch.setattr(docfiles, "CHUNK", 2)
    here, _ = docfiles.publish_pages(tmp_path / "here", report, app._texts_and_claims, "x", jobs=1)
    pooled, count = docfiles.publish_pages(tmp_path / "pool", report, app._texts_and_claims, "x", jobs=2)
    assert count == len(report.documents) == 5
    assert pooled.names == here.names
    assert _pages(tmp_path / "pool") == _pages(tmp_path / "here")
    assert len(_pages(tmp_path / "pool")) == 5 + 2  # the pages, the stylesheet and the list of documents
    assert not [p for p in (tmp_path / "pool" / DOCS).iterdir() if p.name.startswith(".")]  # no temporaries


def render_dies_in_a_worker(docs: Path, plan: PagePlan, items: list[Item]) -> None:
    if multiprocessing.parent_process() is not None:
        os._exit(3)  # a worker killed mid-chunk (the OOM killer)
    docfiles.render_chunk(docs, plan, items)


def render_cannot_write(docs: Path, plan: PagePlan, items: list[Item]) -> None:
    raise PermissionError(13, "Permission denied", str(docs / "page.html"))


def _start(
    checked: tuple[Checker, Report], folder: Path, render: Renderer
) -> tuple[PagePlan, Callable[[], None]]:
    app, report = checked
    plan = plan_pages(report, "x")
    docs = folder / DOCS
    docs.mkdir(parents=True)
    chunks = [report.documents[:2], report.documents[2:]]

    def read(chunk: list[DocumentSummary]) -> list[Item]:
        texts, claims = app._texts_and_claims([d.path for d in chunk])
        return [(d, texts.get(d.path), claims.get(d.path, [])) for d in chunk]

    return plan, render_meanwhile(Pages(docs, plan, chunks, read, render), jobs=2)


def test_workers_that_die_leave_the_pages_to_this_process(
    checked: tuple[Checker, Report], tmp_path: Path
) -> None:
    plan, wait = _start(checked, tmp_path / "r", render_dies_in_a_worker)
    wait()
    written = {p.name for p in (tmp_path / "r" / DOCS).iterdir()}
    assert set(plan.names.values()) <= written


def test_a_page_that_cannot_be_written_is_raised_by_the_wait(
    checked: tuple[Checker, Report], tmp_path: Path
) -> None:
    _, wait = _start(checked, tmp_path / "r", render_cannot_write)
    with pytest.raises(PermissionError):
        wait()
    wait()  # a second wait (after a failed run) has nothing left to do


def render_noting_the_process(docs: Path, plan: PagePlan, items: list[Item]) -> None:
    (docs.parent / f"rendered-by-{os.getpid()}").write_text(" ".join(d.path for d, _, _ in items))
    docfiles.render_chunk(docs, plan, items)


def test_the_chunks_are_rendered_in_other_processes(checked: tuple[Checker, Report], tmp_path: Path) -> None:
    plan, wait = _start(checked, tmp_path / "r", render_noting_the_process)
    wait()
    by = {
        int(p.name.rpartition("-")[2]): p.read_text().split() for p in (tmp_path / "r").glob("rendered-by-*")
    }
    assert by and os.getpid() not in by
    assert sorted(path for paths in by.values() for path in paths) == sorted(plan.names)


def render_noting_the_collector(docs: Path, plan: PagePlan, items: list[Item]) -> None:
    (docs.parent / f"collector-{os.getpid()}-{items[0][0].path.replace('/', '_')}").write_text(
        f"{gc.isenabled()} {gc.get_count()[0]}"
    )
    docfiles.render_chunk(docs, plan, items)


def test_workers_render_with_the_collector_off_and_collect_after_each_chunk(
    checked: tuple[Checker, Report], tmp_path: Path
) -> None:
    """A worker's collector walked each chunk's new objects again and again; it is off while rendering."""
    plan, wait = _start(checked, tmp_path / "r", render_noting_the_collector)
    wait()
    notes = [p.read_text().split() for p in (tmp_path / "r").glob("collector-*")]
    assert len(notes) == 2  # one note per chunk, each in a worker
    assert all(enabled == "False" for enabled, _ in notes)
    # Unpickling the chunk made more objects than a collection waits for, and none ran meanwhile.
    assert all(int(pending) > gc.get_threshold()[0] for _, pending in notes), notes
    assert set(plan.names.values()) <= {p.name for p in (tmp_path / "r" / DOCS).iterdir()}
    assert gc.isenabled(), "this process's collector is left as it was"


@pytest.fixture
def disputed(tmp_path: Path) -> Iterator[tuple[Checker, Report]]:
    """Four reports of one figure (none in the fact sheets), one wrong: a finding quoting every one."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, n in (("a", 12), ("b", 12), ("c", 15), ("d", 12)):
        (corpus / f"{name}.txt").write_text(
            f"（记者 李明）2024年，石州右江新组建产业链联盟{n}个，覆盖重点产业。\n", encoding="utf-8"
        )
    yield from _checked(corpus, tmp_path)


def test_a_chunk_is_shipped_only_the_quotes_its_pages_show_and_renders_the_same(
    disputed: tuple[Checker, Report], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A finding too large to show whole keeps, in a chunk's plan, only the quotes of the chunk's documents."""
    app, report = disputed
    monkeypatch.setattr(docshown, "WHOLE", 1)  # a finding of two quotes or more is shown in part
    plan = plan_pages(report, "x")
    parts = {id(e.share) for listed in plan.entries.values() for e in listed if not e.share.whole}
    assert parts, "the conflict is one finding quoting the four reports"
    for chunk in (report.documents[:1], report.documents[1:3], report.documents[3:]):
        paths = [d.path for d in chunk]
        light = portable(plan, paths)
        for path in paths:
            for full, shipped in zip(plan.entries.get(path, []), light.entries.get(path, []), strict=True):
                shown = [full.share.finding.claims[i] for i in full.shown]
                assert [shipped.share.finding.claims[i] for i in shipped.shown] == shown
                if not full.share.whole:
                    assert {c.path for c in shipped.share.finding.claims} == set(paths)
                    assert shipped.share.at[path] == sorted(shipped.shown)
        texts, claims = app._texts_and_claims(paths)
        items = [(d, texts.get(d.path), claims.get(d.path, [])) for d in chunk]
        for folder, used in (("full", plan), ("light", light)):
            (tmp_path / folder).mkdir(exist_ok=True)
            docfiles.render_chunk(tmp_path / folder, used, items)
    full = {p.name: p.read_bytes() for p in (tmp_path / "full").iterdir()}
    assert len(full) == 4 and full == {p.name: p.read_bytes() for p in (tmp_path / "light").iterdir()}


def test_the_documents_a_finding_shows_whole_are_rendered_side_by_side(tmp_path: Path) -> None:
    """Chunks share whole findings: their documents come one after another, whatever their names."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(
        ["石州右江新组建产业链联盟12个", "玉湖右州签约合作项目30个", "石州右江新组建产业链联盟15个",
         "玉湖右州签约合作项目33个", "石州右江新组建产业链联盟12个"]
    ):  # fmt: skip
        (corpus / f"{i}.txt").write_text(f"第{i}号简报\n（记者 李明）2024年，{text}。\n", encoding="utf-8")
    for _, report in _checked(corpus, tmp_path):
        listed = [d.path for d in report.documents]
        assert [Path(p).name for p in listed] == [f"{i}.txt" for i in range(5)], "the two findings interleave"
        plan = plan_pages(report, "x")
        order = [d.path for d in docfiles.in_render_order(list(report.documents), plan)]
        assert sorted(order) == sorted(d.path for d in report.documents)
        shown = [f for f in report.findings if not f.passed]
        assert len(shown) == 2, [f.message for f in report.findings]
        for f in shown:
            places = sorted(order.index(p) for p in {c.path for c in f.claims})
            assert places == list(range(places[0], places[0] + len(places))), (f.message, order)
