"""How long from a file write to the updated reports/latest.json, with `checker watch` running.

For each corpus size (default 1,000 and 10,000 documents) this builds a
synthetic Chinese corpus, starts the real service (`python -m checker watch`)
on it, waits for the start-up reconcile, then edits one document at a time and
times the write → latest.json-replaced-with-that-edit gap.  Prints median and
p90 per size.

The text mixes sentences from seeds/ that carry no figures (so the prose reads
like the real reports) with templated figures about made-up places (so facts
form many small groups, a handful of documents each, as in a real news corpus;
one subject shared by every document would measure the rules' worst case, not
the service).

    python bench/latency.py                      # 1,000 and 10,000 documents
    python bench/latency.py --sizes 1000 --writes 5 --debounce-ms 100
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Subjects and units the seeds talk about; the figure is made up per place.
FIGURES = [
    ("新增建成铁路里程", "公里", (300, 900)),
    ("新建公共充电桩", "万个以上", (2, 12)),
    ("开通跨省通办服务点位", "个以上", (50, 400)),
    ("累计上线政务服务", "项以上", (80, 300)),
    ("签约合作项目", "个", (5, 40)),
    ("新组建产业链联盟", "个", (3, 20)),
    ("发布重点任务", "项", (60, 200)),
    ("协同创新指数达到", "分", (200, 420)),
]
PLACE_A = "东西南北中上下前后左右新老大小金银玉石"
PLACE_B = "山河湖海江城港湾岭原州县镇村桥塘"


def filler_sentences() -> list[str]:
    """Sentences from seeds/ with no figure in them (checked with the real extractor)."""
    from checker.extract import extract
    from checker.models import Document

    text = re.sub(r"\s+", "", "".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))))
    candidates = [s + "。" for s in re.split(r"[。！？]", text) if 8 <= len(s) <= 80]
    return [s for s in candidates if not extract(Document(path="seed.txt", text=s, sha256="-")).claims]


class Corpus:
    """A deterministic synthetic corpus of `size` documents."""

    def __init__(self, size: int, seed: int = 7) -> None:
        self.size = size
        self.rng = random.Random(seed)
        self.filler = filler_sentences()
        places = [a + b for a in PLACE_A for b in PLACE_B]
        # About five documents per subject: corroborations and the odd conflict, never a giant group.
        subjects = max(50, size * 4 // 5)
        self.subjects = [
            (self.rng.choice(places) + self.rng.choice(places), FIGURES[i % len(FIGURES)])
            for i in range(subjects)
        ]
        self.values = [self.rng.randint(*fig[2]) for _, fig in self.subjects]

    def fact(self, index: int) -> str:
        place, (noun, unit, _span) = self.subjects[index]
        value = self.values[index]
        if self.rng.random() < 0.05:
            value += self.rng.randint(1, 5)  # a report that got it wrong
        return f"{place}{noun}{value}{unit}。"

    def document(self, n: int) -> str:
        facts = [self.fact(self.rng.randrange(len(self.subjects))) for _ in range(self.rng.randint(3, 6))]
        prose = self.rng.sample(self.filler, self.rng.randint(4, 8))
        body = facts + prose
        self.rng.shuffle(body)
        return f"第{n}号通讯\n" + "\n".join(body) + "\n"

    def write(self, folder: Path) -> None:
        for n in range(self.size):
            sub = folder / f"batch{n // 1000:02d}"
            sub.mkdir(parents=True, exist_ok=True)
            (sub / f"report{n:05d}.txt").write_text(self.document(n), encoding="utf-8")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


Report = dict[str, Any]


def read_report(latest: Path) -> Report | None:
    try:
        data: Report = json.loads(latest.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    return data


def has_document(name: str, digest: str) -> Callable[[Report], bool]:
    """A check that the report lists this document with this content."""
    return lambda report: any(d["path"] == name and d["sha256"] == digest for d in report["documents"])


def wait_for(
    latest: Path, check: Callable[[Report], bool], timeout: float, proc: subprocess.Popen[bytes]
) -> float:
    """Poll latest.json's mtime; on each change parse it; return when the one passing `check` appeared.

    The time taken is when the new file was first seen, before parsing, so a
    slow parse of a big report does not count against the service.
    """
    deadline = time.perf_counter() + timeout
    seen = latest.stat().st_mtime_ns if latest.exists() else 0
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"checker watch exited with {proc.returncode}")
        try:
            mtime = latest.stat().st_mtime_ns
        except FileNotFoundError:
            mtime = 0
        if mtime != seen:
            at = time.perf_counter()
            seen = mtime
            data = read_report(latest)
            if data is not None and check(data):
                return at
        time.sleep(0.002)
    raise SystemExit(f"no matching {latest} within {timeout:g} s")


def measure(size: int, writes: int, debounce_ms: int, keep: bool) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix=f"checker-latency-{size}-"))
    corpus_dir = work / "corpus"
    corpus = Corpus(size)
    t = time.perf_counter()
    corpus.write(corpus_dir)
    print(f"  wrote {size:,} documents in {time.perf_counter() - t:.1f} s ({work})", flush=True)
    latest = work / "reports" / "latest.json"
    log = (work / "watch.log").open("w", encoding="utf-8")
    cmd = [
        sys.executable, "-m", "checker", "watch", "corpus", "--store", "state/checker.db",
        "--reports", "reports", "--debounce-ms", str(debounce_ms), "--log-file", "state/checker.log",
    ]  # fmt: skip
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=work, stdout=subprocess.DEVNULL, stderr=log, env={**os.environ, "NO_COLOR": "1"}
    )
    try:
        wait_for(latest, lambda d: d["run"]["trigger"] == "reconcile", 3600, proc)
        startup = time.perf_counter() - started
        print(
            f"  start-up reconcile (all {size:,} read and extracted) done after {startup:.1f} s", flush=True
        )
        gaps: list[float] = []
        for i in range(writes):
            n = corpus.rng.randrange(size)
            target = corpus_dir / f"batch{n // 1000:02d}" / f"report{n:05d}.txt"
            text = target.read_text(encoding="utf-8") + corpus.fact(
                corpus.rng.randrange(len(corpus.subjects))
            )
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            name = f"corpus/{target.relative_to(corpus_dir).as_posix()}"
            time.sleep(max(1.0, 3 * debounce_ms / 1000))  # let the previous run settle
            t0 = time.perf_counter()
            target.write_text(text, encoding="utf-8")
            t1 = wait_for(latest, has_document(name, digest), 600, proc)
            gaps.append(t1 - t0)
            print(f"    write {i + 1}/{writes}: {t1 - t0:.3f} s", flush=True)
    finally:
        proc.terminate()
        proc.wait(timeout=600)
        log.close()
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    return {
        "startup": startup,
        "median": statistics.median(gaps),
        "p90": percentile(gaps, 0.9),
        "min": min(gaps),
        "max": max(gaps),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes")
    parser.add_argument("--writes", type=int, default=9, help="timed writes per size")
    parser.add_argument("--debounce-ms", type=int, default=300, help="the service's debounce window")
    parser.add_argument("--keep", action="store_true", help="keep the temporary corpora and logs")
    args = parser.parse_args()
    results = {}
    for size in args.sizes:
        print(f"{size:,} documents, debounce {args.debounce_ms} ms:", flush=True)
        results[size] = measure(size, args.writes, args.debounce_ms, args.keep)
    print(f"\nwrite → latest.json (debounce {args.debounce_ms} ms, {args.writes} writes each)")
    print(f"{'documents':>10} {'median':>8} {'p90':>8} {'min':>8} {'max':>8} {'start-up':>9}")
    for size, r in results.items():
        print(
            f"{size:>10,} {r['median']:>7.3f}s {r['p90']:>7.3f}s {r['min']:>7.3f}s {r['max']:>7.3f}s"
            f" {r['startup']:>8.1f}s"
        )


if __name__ == "__main__":
    main()
