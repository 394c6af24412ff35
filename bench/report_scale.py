"""Report writing at scale: the time to publish a run's reports at 1,000 and 10,000 documents.

    .venv/bin/python bench/report_scale.py                  # or: make bench-reports
    .venv/bin/python bench/report_scale.py --sizes 1000 --before main

For each size a synthetic corpus (the generator of `latency.py`) is checked
once into a store; then each source tree, the one before (`--before`, by
default where this branch left main) and this one, runs `report_run.py` in its
own subprocess on its own copy of that store and times `Checker._write`: the
cold write into an empty reports folder, the same report written again, and
the report after one edited document.  The check itself is not timed.  Trees
run alternately for `--rounds` rounds; the figure is the median.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.corpus import Corpus  # noqa: E402
from bench.gitarchive import unpack  # noqa: E402

RUNNER = Path(__file__).resolve().parent / "report_run.py"
PHASES = ("cold", "unchanged", "edit")


def fork_point(before: str) -> str:
    proc = subprocess.run(
        ["git", "-C", str(REPO), "merge-base", before, "HEAD"], capture_output=True, text=True, check=False
    )
    return proc.stdout.strip()[:12] if proc.returncode == 0 else before


def run(tree: Path, work: Path, request: dict[str, Any], *flags: str) -> dict[str, float]:
    file = work / "request.json"
    file.write_text(json.dumps(request), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, str(RUNNER), str(tree), str(file), *flags],
        cwd=work, capture_output=True, text=True, timeout=7200, check=False,
    )  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"{tree}: report_run.py failed:\n{proc.stderr[-3000:]}")
    result: dict[str, float] = json.loads(proc.stdout)
    return result


def measure(size: int, trees: dict[str, Path], rounds: int, work: Path) -> dict[str, dict[str, float]]:
    corpus = Corpus(size)
    corpus.write(work / "corpus")
    base = {"corpus": "corpus", "rules": str(REPO / "rules"), "store": "prepared.db", "reports": "none"}
    prepared = run(REPO, work, base, "--prepare")
    print(f"  {size:,} documents checked into the store in {prepared['check']:.1f} s", flush=True)
    n = corpus.rng.randrange(size)
    request = {
        **base,
        "edit": Corpus.path(Path("corpus"), n).as_posix(),  # the corpus's own naming
        "added": corpus.fact(corpus.rng.randrange(len(corpus.subjects))),
    }
    times: dict[str, dict[str, list[float]]] = {
        name: {p: [] for p in (*PHASES, "bytes", "last_report")} for name in trees
    }
    for r in range(rounds):
        for name, tree in trees.items():
            store, reports = work / f"{name}-{r}.db", work / f"reports-{name}-{r}"
            shutil.copyfile(work / "prepared.db", store)
            got = run(tree, work, {**request, "store": store.name, "reports": reports.name})
            print(
                f"    round {r + 1} {name:>7}: " + ", ".join(f"{p} {got[p]:.2f} s" for p in PHASES),
                flush=True,
            )
            for key, value in got.items():
                times[name][key].append(value)
            shutil.rmtree(reports, ignore_errors=True)
            store.unlink()
    return {name: {p: statistics.median(v) for p, v in t.items()} for name, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--before", default="main", help="the commit to compare with (its fork point)")
    parser.add_argument("--no-before", action="store_true", help="time this tree only")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="checker-report-scale-") as tmp:
        trees = {"now": REPO}
        if not args.no_before:
            commit = fork_point(args.before)
            problem = unpack(commit, Path(tmp) / "before")
            if problem:
                print(f"no before row: {problem}")
            else:
                trees = {f"{commit[:7]}": Path(tmp) / "before", "now": REPO}
        results = {}
        for size in args.sizes:
            work = Path(tmp) / f"n{size}"
            work.mkdir()
            print(f"{size:,} documents:", flush=True)
            results[size] = measure(size, trees, args.rounds, work)
            shutil.rmtree(work, ignore_errors=True)
    print("\nreport writing (Checker._write: json, md, html, run copies, index), seconds")
    print("(last_report: loading the stored report, what `checker report` does; MB: the reports folder)")
    print(
        f"{'documents':>10} {'tree':>8} {'cold':>8} {'unchanged':>10} {'one edit':>9} {'MB on disk':>11}"
        f" {'last_report':>12}"
    )
    columns = (("cold", 7), ("unchanged", 9), ("edit", 8), ("bytes", 10), ("last_report", 11))
    for size, by_tree in results.items():
        for name, r in by_tree.items():
            print(
                f"{size:>10,} {name:>8} {r['cold']:>8.2f} {r['unchanged']:>10.2f} {r['edit']:>9.2f}"
                f" {r['bytes'] / 1e6:>11.1f} {r['last_report']:>12.2f}"
            )
        if len(by_tree) == 2:
            old, new = by_tree.values()
            print(f"{'':>10} {'now/old':>8}" + "".join(f" {new[p] / old[p]:>{w}.2f}x" for p, w in columns))


if __name__ == "__main__":
    main()
