"""bench/scale.py and its corpus keep working: the whole bench at 20 documents with one operation.

Figures are not judged here (speed belongs to the bench); only that every step
ran against the real CLI and service and wrote what the closing notes quote.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import Corpus
from checker.extract import extract
from checker.models import Document

ROOT = Path(__file__).resolve().parents[2]
# Prose without figures; the bench takes its own from seeds/ (through the extractor, slower).
FILLER = [
    f"{word}方面的工作稳步推进。"
    for word in ["交通", "医保", "养老", "教育", "文化", "旅游", "能源", "环保", "金融", "科技"]
]


def test_the_corpus_is_the_same_on_every_run(tmp_path: Path) -> None:
    filler = FILLER
    Corpus(40, filler=filler).write(tmp_path / "a")
    Corpus(40, filler=filler).write(tmp_path / "b")
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.txt")}
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.txt")}
    assert len(a) == 40
    assert a == b
    # Document n does not depend on which others were written first.
    assert Corpus(40, filler=filler).document(17) == a[Path("batch00/report000017.txt")].decode()


def test_the_corpus_has_figures_in_both_languages() -> None:
    corpus = Corpus(200, filler=FILLER)
    texts = [corpus.document(n) for n in range(200)]
    english = [t for t in texts if t.isascii()]
    assert 5 <= len(english) <= 50
    for text in [english[0], next(t for t in texts if not t.isascii())]:
        assert len(extract(Document(path="x.txt", text=text, sha256="-")).claims) >= 2, text


@pytest.mark.slow
@pytest.mark.timeout(900)  # three CLI starts and a service; minutes when the machine is busy
def test_the_scale_bench_runs_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "scale.json"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scale.py"), "--sizes", "20", "--ops", "edit", "--writes", "1",
         "--out", str(out), "--tmp", str(tmp_path)],
        capture_output=True, text=True, timeout=840, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    size = json.loads(out.read_text(encoding="utf-8"))["sizes"]["20"]
    assert set(size["cli"]) == {"cold", "edit"}
    for run in size["cli"].values():
        assert run["returncode"] in (0, 1)
        assert run["peak_mb"] > 0
    assert (
        sum(size["cli"]["cold"]["findings"].values())
        == size["after_cold"]["errors"] + size["after_cold"]["warnings"] + size["after_cold"]["infos"]
    )
    assert size["after_cold"]["documents"] == 20
    assert size["after_cold"]["claims"] > 40
    assert size["after_cold"]["corroborated"] + size["after_cold"]["conflicts"] > 0
    assert size["service"]["edit"]["median_s"] > 0
    assert size["service"]["peak_mb"] > 0
    assert "one edited file" in proc.stdout
    assert list(tmp_path.glob("checker-scale-*")) == []  # the temporary corpus is removed


def test_the_figures_name_the_code_the_commands_ran(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Timed through PYTHONPATH from another tree (an A/B), the figures name that tree, not this checkout."""
    from bench.scale import machine

    here = machine()
    assert here["checker_from"] == str(ROOT / "checker")
    tree = subprocess.run(
        ["git", "rev-parse", "HEAD:checker"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if tree.returncode == 0:
        assert here["checker_tree"] == tree.stdout.strip()
    other = tmp_path / "other"
    shutil.copytree(ROOT / "checker", other / "checker", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setenv("PYTHONPATH", str(other))
    there = machine()
    assert there["checker_from"] == str(other / "checker")
    assert there["commit"] is None and there["checker_tree"] is None, "not a checkout: no commit to name"
