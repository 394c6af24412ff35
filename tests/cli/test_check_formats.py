"""Issue 13's acceptance, end to end: the real CLI on the seeds plus a web page, a PDF, a Word file,
a Big5 file or a Traditional-Chinese file stating a changed figure (680公里 where the seeds say 660公里),
and on the seeds plus files it cannot read."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEEDS, CliResult
from tests.sources import formats_kit as kit


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, corpus / f.name)
    return corpus


def _check(cli: Callable[..., CliResult], corpus: Path) -> tuple[CliResult, dict[str, Any]]:
    result = cli("check", corpus, "--store", "store.db", "--reports", "out", timeout=240)
    assert result.code in (0, 1), result.stderr
    report = json.loads((corpus.parent / "out" / "latest.json").read_text(encoding="utf-8"))
    return result, report


@pytest.mark.parametrize(
    ("maker", "name", "place"),
    [
        (kit.web_page, "rail.html", {"paragraph": 3, "page": None, "line": 3}),
        (kit.two_page_pdf, "bulletin.pdf", {"page": 2, "paragraph": None}),
        (kit.word_file, "release.docx", {"paragraph": 3, "page": None, "line": 3}),
        (kit.big5_file, "big5.txt", {"line": 3, "page": None, "paragraph": None}),
        (kit.traditional_file, "hant.txt", {"line": 3, "page": None, "paragraph": None}),
    ],
    ids=["html", "pdf", "docx", "big5", "traditional-utf8"],
)
def test_changed_figure_in_each_format_disagrees_with_the_seeds(
    cli: Callable[..., CliResult], tmp_path: Path, maker: kit.Maker, name: str, place: dict[str, Any]
) -> None:
    corpus = _corpus(tmp_path)
    maker(corpus / name)
    result, report = _check(cli, corpus)
    assert result.code == 1, result.stderr
    path = f"corpus/{name}"
    disagreements = [
        f
        for f in report["findings"]
        if f["rule"] == "agree"
        and f["severity"] == "error"
        and not f["passed"]
        and any(c["path"] == path for c in f["claims"])
    ]
    assert len(disagreements) == 1, [f["message"] for f in report["findings"] if not f["passed"]]
    finding = disagreements[0]
    assert "新增建成铁路里程" in finding["message"]
    ours = [c for c in finding["claims"] if c["path"] == path]
    assert [c["text"] for c in ours] == [kit.CHANGED]
    assert {k: ours[0][k] for k in place} == place
    assert {c["value"] for c in finding["claims"] if c["path"] != path} == {660}
    assert f"{path}:{ours[0]['line']}" in finding["message"]
    summary = next(d for d in report["documents"] if d["path"] == path)
    assert summary["errors"] == [] and summary["claims"] >= 1
    # The Markdown and HTML reports say where the figure is, page or paragraph included.
    markdown = (corpus.parent / "out" / "latest.md").read_text(encoding="utf-8")
    where = f"page {place['page']}" if place.get("page") else f"paragraph {place['paragraph']}"
    html = (corpus.parent / "out" / "latest.html").read_text(encoding="utf-8")
    if place.get("page") or place.get("paragraph"):
        assert f"`{path}:{ours[0]['line']}:{ours[0]['column']}` ({where}" in markdown
        assert (
            f'{path}:{ours[0]["line"]}:{ours[0]["column"]}</code> <span class="place">{where}</span>' in html
        )


def test_sidebar_figure_is_never_a_claim(cli: Callable[..., CliResult], tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    kit.web_page(corpus / "rail.html")
    _, report = _check(cli, corpus)
    claims = [c for g in report["groups"] for c in g["claims"] if c["path"] == "corpus/rail.html"]
    assert {c["text"] for c in claims} >= {kit.CHANGED, "7万个以上"}
    assert all(c["value"] != 9999 for c in claims)
    assert all(c["value"] != 9999 for f in report["findings"] for c in f["claims"])


def test_unreadable_files_are_named_and_the_rest_is_checked(
    cli: Callable[..., CliResult], tmp_path: Path
) -> None:
    corpus = _corpus(tmp_path)
    bad = {
        "broken.pdf": (kit.broken_pdf, "cannot be read as a PDF"),
        "locked.pdf": (kit.protected_pdf, "is password-protected"),
        "scan.pdf": (kit.scanned_pdf, "has no text to read"),
        "cut.docx": (kit.truncated_word_file, "cannot be read as a Word file"),
        "huge.html": (kit.huge_web_page, "web page too large"),
    }
    for name, (maker, _) in bad.items():
        maker(corpus / name)
    kit.two_page_pdf(corpus / "bulletin.pdf")
    result, report = _check(cli, corpus)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    for name, (_, problem) in bad.items():
        mine = [line for line in errors if line.startswith(f"error: corpus/{name}: ")]
        assert len(mine) == 1 and problem in mine[0], errors
        summary = next(d for d in report["documents"] if d["path"] == f"corpus/{name}")
        assert len(summary["errors"]) == 1 and problem in summary["errors"][0]
    # the seeds and the readable PDF were still checked, and the PDF's changed figure found
    assert report["summary"]["claims"] > 100
    assert result.code == 1
    assert any(
        c["path"] == "corpus/bulletin.pdf" and c["page"] == 2
        for f in report["findings"]
        if f["rule"] == "agree"
        for c in f["claims"]
    )
