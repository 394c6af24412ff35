"""Format reading benchmark: web pages and PDFs read into Documents, then claims extracted.

Run by hand or with `make bench`; not a timed test.

    .venv/bin/python bench/formats.py [--docs 40] [--runs 3]

Builds a corpus in a temporary folder from the seeds: each seed as a web page
(navigation, a sidebar of related news and a footer around the article) and as a
PDF (reportlab's STSong-Light, 40 lines a page), repeated to `--docs` files of each
format.  Prints, per format, files/s and input MB/s for reading alone (trafilatura;
pypdf) and for reading plus extraction, CPU time of one process, median of `--runs`.
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from checker.extract import extract  # noqa: E402
from checker.sources import read_document  # noqa: E402

SEEDS = sorted((REPO / "seeds").glob("*.txt"))
LINE_CHARS = 38
LINES_PER_PAGE = 40


def _paragraphs(seed: Path) -> list[str]:
    text = seed.read_text(encoding="utf-8")
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def write_page(seed: Path, path: Path) -> None:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(seed))
    nav = "".join(f'<li><a href="/c{i}">频道{i}</a></li>' for i in range(30))
    related = "".join(f'<li><a href="/r{i}">相关新闻：某地新增项目{i}个</a></li>' for i in range(20))
    path.write_text(
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{seed.stem}</title>'
        '<meta property="article:published_time" content="2024-06-07"></head><body>'
        f"<nav><ul>{nav}</ul></nav><article><h1>{seed.stem}</h1>{body}</article>"
        f"<aside><ul>{related}</ul></aside><footer><p>版权所有 2024</p></footer></body></html>",
        encoding="utf-8",
    )


def write_pdf(seed: Path, path: Path) -> None:
    text = "".join(_paragraphs(seed))
    lines = [text[i : i + LINE_CHARS] for i in range(0, len(text), LINE_CHARS)]
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    for start in range(0, len(lines), LINES_PER_PAGE):
        c.setFont("STSong-Light", 11)
        for i, line in enumerate(lines[start : start + LINES_PER_PAGE]):
            c.drawString(50, 790 - 18 * i, line)
        c.showPage()
    c.save()


def timed(files: list[Path], work: Callable[[Path], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        for f in files:
            work(f)
        times.append(time.process_time() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=40, help="files of each format")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        corpora: dict[str, list[Path]] = {"html": [], "pdf": []}
        for i in range(args.docs):
            seed = SEEDS[i % len(SEEDS)]
            page, pdf = root / f"{i:03d}.html", root / f"{i:03d}.pdf"
            write_page(seed, page)
            write_pdf(seed, pdf)
            corpora["html"].append(page)
            corpora["pdf"].append(pdf)
        print(
            f"formats: {args.docs} files of each, built from {len(SEEDS)} seeds; CPU time, median of {args.runs}"
        )
        for fmt, files in corpora.items():
            mb = sum(f.stat().st_size for f in files) / 1e6
            pages = sum(len(read_document(f).pages) for f in files) if fmt == "pdf" else 0
            read = timed(files, read_document, args.runs)
            both = timed(files, lambda f: extract(read_document(f)), args.runs)
            extra = f", {pages / read:.0f} pages/s" if pages else ""
            print(
                f"{fmt:5} {mb:6.2f} MB  read {len(files) / read:7.1f} files/s {mb / read:6.2f} MB/s{extra}"
                f"   read+extract {len(files) / both:7.1f} files/s {mb / both:6.2f} MB/s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
