"""How long from a file write to the updated reports/latest.json, with `checker watch` running.

For each corpus size (default 1,000 and 10,000 documents) this builds a
synthetic Chinese corpus, starts the real service (`python -m checker watch`)
on it, waits for the start-up reconcile, then edits one document at a time and
times the write → latest.json-replaced-with-that-edit gap.  Prints median and
p90 per size.

The corpus is bench/corpus.py's (Chinese reports and some English ones, figures
that form small facts across documents); the service is driven by
bench/watching.py, which scale.py shares.

    python bench/latency.py                      # 1,000 and 10,000 documents
    python bench/latency.py --sizes 1000 --writes 5 --debounce-ms 100
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import Corpus
from bench.watching import Service, has_document, is_reconcile, percentile


def measure(size: int, writes: int, debounce_ms: int, keep: bool) -> dict[str, float]:
    work = Path(tempfile.mkdtemp(prefix=f"checker-latency-{size}-"))
    corpus_dir = work / "corpus"
    corpus = Corpus(size)
    t = time.perf_counter()
    corpus.write(corpus_dir)
    print(f"  wrote {size:,} documents in {time.perf_counter() - t:.1f} s ({work})", flush=True)
    started = time.perf_counter()
    service = Service(work, ["corpus"], "state/checker.db", "reports", debounce_ms)
    try:
        service.wait_for(is_reconcile, 3600)
        startup = time.perf_counter() - started
        print(
            f"  start-up reconcile (all {size:,} read and extracted) done after {startup:.1f} s", flush=True
        )
        gaps: list[float] = []
        for i in range(writes):
            target = corpus.path(corpus_dir, corpus.rng.randrange(size))
            text = target.read_text(encoding="utf-8") + corpus.fact(
                corpus.rng.randrange(len(corpus.subjects))
            )
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            name = f"corpus/{target.relative_to(corpus_dir).as_posix()}"
            time.sleep(max(1.0, 3 * debounce_ms / 1000))  # let the previous run settle
            t0 = time.perf_counter()
            target.write_text(text, encoding="utf-8")
            t1 = service.wait_for(has_document(name, digest), 600)
            gaps.append(t1 - t0)
            print(f"    write {i + 1}/{writes}: {t1 - t0:.3f} s", flush=True)
    finally:
        service.stop()
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
    parser.add_argument(
        "--debounce-ms", type=int, default=100, help="the service's debounce window [100: its default]"
    )
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
