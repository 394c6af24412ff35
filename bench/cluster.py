"""Cold `checker check` of synthetic corpora: SQLite + serial extraction against PostgreSQL + Dask.

For each size (default 10,000 documents; `--sizes 10000 100000` for the full
table) this writes the synthetic corpus of bench/corpus.py, starts a real
PostgreSQL server of its own (durable settings: fsync and synchronous commit
on) and runs the real CLI once per configuration on an empty store:

- sqlite + serial        the embedded default
- sqlite + processes     extraction in a pool of --jobs processes
- postgresql + serial    the shared store, extraction in the driver
- postgresql + dask      the shared store, a LocalCluster of --jobs workers

and prints wall time, documents per second and the claims found (which must
agree across configurations).

    python bench/cluster.py                       # 10,000 documents
    python bench/cluster.py --sizes 10000 100000 --jobs 2
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import Corpus  # noqa: E402
from tests.pgserver import MISSING, PgServer, find_bindir  # noqa: E402


def configurations(jobs: int) -> list[tuple[str, str, list[str]]]:
    """Name, store kind and extra flags of each run."""
    return [
        ("sqlite + serial", "sqlite", ["--executor", "serial"]),
        (f"sqlite + {jobs} processes", "sqlite", ["--executor", "processes", "--jobs", str(jobs)]),
        ("postgresql + serial", "postgresql", ["--executor", "serial"]),
        (f"postgresql + dask ({jobs} workers)", "postgresql", ["--executor", "dask", "--jobs", str(jobs)]),
    ]


def cold_check(corpus: Path, store: str, flags: list[str], work: Path) -> tuple[float, dict[str, int]]:
    """Wall time of one `checker check` on an empty store, and its summary."""
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(corpus), "--store", store, "--no-reports",
         "--format", "json", *flags],
        cwd=work, capture_output=True, text=True, check=False,
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(
            f"checker check {' '.join(flags)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
        )
    report = json.loads(proc.stdout)
    return elapsed, {"documents": report["summary"]["documents"], "claims": report["summary"]["claims"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    bindir = find_bindir()
    if bindir is None:
        raise SystemExit(MISSING)
    server = PgServer(bindir, durable=True)
    server.start()
    work = Path(tempfile.mkdtemp(prefix="checker-bench-cluster-"))
    rows: list[tuple[int, str, float, dict[str, int]]] = []
    try:
        for size in args.sizes:
            corpus = work / f"corpus{size}"
            Corpus(size).write(corpus)
            for name, kind, flags in configurations(args.jobs):
                store = (
                    str(work / f"{size}-{len(rows)}.db") if kind == "sqlite" else server.new_database("bench")
                )
                elapsed, summary = cold_check(corpus, store, flags, work)
                rows.append((size, name, elapsed, summary))
                print(f"{size:>7} {name:<32} {elapsed:8.1f} s {size / elapsed:8.0f} docs/s "
                      f"{summary['claims']:>8} claims", flush=True)  # fmt: skip
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print("\n| documents | configuration | wall time | documents/s | claims |\n|---|---|---|---|---|")
    for size, name, elapsed, summary in rows:
        print(f"| {size:,} | {name} | {elapsed:.1f} s | {size / elapsed:,.0f} | {summary['claims']:,} |")


if __name__ == "__main__":
    main()
