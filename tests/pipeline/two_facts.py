"""A corpus of two facts that disagree (a rail figure, a count of charging piers), for tests of tracking."""

from __future__ import annotations

from pathlib import Path

RAIL = "东山新城新增建成铁路里程{}公里。\n"
PIERS = "西山新城新建公共充电桩{}个。\n"  # in other reports than the rail figure


def two_facts(folder: Path, texts: list[str]) -> Path:
    """`folder`/corpus with one report per text (r0.txt, r1.txt, …)."""
    corpus = folder / "corpus"
    corpus.mkdir()
    for n, text in enumerate(texts):
        (corpus / f"r{n}.txt").write_text(text, encoding="utf-8")
    return corpus
