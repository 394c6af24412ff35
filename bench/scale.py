"""What one change costs as the corpus grows: the CLI and the service at 1,000, 10,000 and 100,000 documents.

For each size this writes the synthetic corpus of bench/corpus.py into a
temporary folder and runs the real CLI (`python -m checker check corpus --store
state/checker.db --reports reports --statistics`) once per operation, in order:

- cold          an empty store (always run: the others need its store)
- unchanged     nothing changed since the last check
- edit          one document edited (a figure sentence appended)
- delete        one document deleted
- burst         100 new documents written (into a new folder)

each timed by wall clock, with the child's peak memory (bench/child.py).  Then
it starts the real service (`python -m checker watch corpus`) on the same store,
times its start-up reconcile (nothing changed) and, for edit, delete and burst,
the gap from the write to the first reports/latest.json that shows it
(bench/watching.py; edit `--writes` times, median), and the service's peak
memory over its whole life.  It prints a table per size, the ratios of the
largest size to the smallest (100k / 1k by default), and writes every figure
to `--out` as JSON.

The synthetic documents form facts that the default rule kinds judge (agree,
growth, total, count, equivalence); the shipped rules/ folder is not passed,
since its fact sheet and glossary are about the seeds' story, not made-up places.

    python bench/scale.py                                  # 1k, 10k and 100k: hours on two busy cores
    python bench/scale.py --sizes 1000,10000 --out bench/data/scale-before.json
    python bench/scale.py --quick                          # 1,000 documents, one write each
    python bench/scale.py --sizes 20 --ops edit --writes 1 # what the smoke test runs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.child import run  # noqa: E402
from bench.corpus import Corpus, filler_sentences  # noqa: E402
from bench.watching import (  # noqa: E402
    Report,
    Service,
    has_document,
    has_documents,
    is_reconcile,
    lacks_document,
    percentile,
)

OPS = ["cold", "unchanged", "edit", "delete", "burst"]
LABELS = {
    "cold": "cold check",
    "unchanged": "unchanged re-check",
    "edit": "one edited file",
    "delete": "one deleted file",
    "burst": "burst of 100 new files",
}
SERVICE_OPS = ["edit", "delete", "burst"]
BURST = 100
STORE, REPORTS = "state/checker.db", "reports"


class Changes:
    """The edits, deletions and new documents made to a written corpus, each reproducible from the seed."""

    def __init__(self, corpus: Corpus, work: Path) -> None:
        self.corpus, self.work, self.folder = corpus, work, work / "corpus"
        self.rng = random.Random(corpus.seed * 31 + corpus.size)
        self.alive = list(range(corpus.size))
        # New documents are numbered from the next thousand, so each burst fills a folder of its own.
        self.next_new = -(-corpus.size // 1000) * 1000
        self.edited: Path | None = None  # the file the last edit changed

    def name(self, path: Path) -> str:
        return path.relative_to(self.work).as_posix()

    def edit(self) -> Callable[[Report], bool]:
        """Append one figure sentence to a random document; a check that a report shows it."""
        target = self.edited = self.corpus.path(self.folder, self.rng.choice(self.alive))
        fact = self.corpus.fact(self.rng.randrange(len(self.corpus.subjects)), self.rng)
        text = target.read_text(encoding="utf-8") + fact + "\n"
        target.write_text(text, encoding="utf-8")
        return has_document(self.name(target), hashlib.sha256(text.encode("utf-8")).hexdigest())

    def delete(self) -> Callable[[Report], bool]:
        n = self.alive.pop(self.rng.randrange(len(self.alive)))
        target = self.corpus.path(self.folder, n)
        target.unlink()
        return lacks_document(self.name(target))

    def burst(self) -> Callable[[Report], bool]:
        start, self.next_new = self.next_new, self.next_new + 1000
        self.corpus.write(self.folder, start, BURST)
        names = [self.name(self.corpus.path(self.folder, n)) for n in range(start, start + BURST)]
        self.alive += list(range(start, start + BURST))
        return has_documents(names)

    def apply(self, op: str) -> Callable[[Report], bool]:
        return {"edit": self.edit, "delete": self.delete, "burst": self.burst}[op]()


def check_command(extra: list[str]) -> list[str]:
    return [sys.executable, "-m", "checker", "check", "corpus", "--store", STORE, "--reports", REPORTS,
            "--statistics", *extra]  # fmt: skip


Save = Callable[[], None]


def findings_of(statistics: str) -> dict[str, int]:
    """Open findings per rule from `--statistics` output ("   47\tCK101\t[error] consistency.agree")."""
    found = re.findall(r"^\s*(\d+)\t(CK\d+)\t\[(\w+)\] (\S+)", statistics, re.MULTILINE)
    return {f"{code} {name} ({level})": int(count) for count, code, level, name in found}


def cli_runs(changes: Changes, ops: list[str], extra: list[str], out: dict[str, Any], save: Save) -> None:
    """Into `out`: wall time, peak memory and exit status of one `checker check` after each operation."""
    for op in ops:
        if op not in ("cold", "unchanged"):
            changes.apply(op)
        log = changes.work / "logs" / f"check-{op}.log"
        done = run(check_command(extra), changes.work, log)
        if done.returncode not in (0, 1):
            tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
            raise SystemExit(f"checker check ({op}) exited {done.returncode}; {log}:\n{tail}")
        out[op] = {"seconds": done.seconds, "peak_mb": done.peak_mb, "returncode": done.returncode}
        out[op]["findings"] = findings_of(log.read_text(encoding="utf-8", errors="replace"))
        save()
        print(f"    CLI {LABELS[op]:<24} {done.seconds:9.2f} s  {done.peak_mb:8.0f} MB", flush=True)


def service_runs(
    changes: Changes, ops: list[str], args: argparse.Namespace, out: dict[str, Any], save: Save
) -> None:
    """Into `out`: start-up reconcile, write → latest.json per operation, the service's peak memory."""
    started = time.perf_counter()
    service = Service(changes.work, ["corpus"], STORE, REPORTS, args.debounce_ms)
    try:
        out["startup_s"] = service.wait_for(is_reconcile, 4 * 3600) - started
        print(f"    service start-up reconcile    {out['startup_s']:9.2f} s", flush=True)
        for op in ops:
            gaps = []
            for _ in range(args.writes if op == "edit" else 1):
                time.sleep(max(1.0, 3 * args.debounce_ms / 1000))  # let the previous run settle
                t0 = time.perf_counter()
                seen = changes.apply(op)
                gaps.append(service.wait_for(seen, 3600) - t0)
            out[op] = {"median_s": percentile(gaps, 0.5), "p90_s": percentile(gaps, 0.9), "all_s": gaps}
            save()
            print(
                f"    service {LABELS[op]:<20} {out[op]['median_s']:9.2f} s (median of {len(gaps)})",
                flush=True,
            )
    finally:
        done = service.stop()
    out["peak_mb"], out["lifetime_s"] = done.peak_mb, done.seconds
    save()


def summary_of(work: Path) -> dict[str, Any]:
    """The report summary after the cold check, and the size of the store file."""
    path, store = work / REPORTS / "latest.json", work / STORE
    summary = json.loads(path.read_text(encoding="utf-8"))["summary"] if path.exists() else {}  # --no-reports
    return {**summary, "store_mb": store.stat().st_size / 1e6 if store.exists() else None}


def measure(
    size: int, args: argparse.Namespace, filler: list[str], result: dict[str, Any], save: Save
) -> None:
    """Into `result`: every figure of one size, saved after each (a long run stopped keeps what it measured)."""
    work = Path(tempfile.mkdtemp(prefix=f"checker-scale-{size}-", dir=args.tmp))
    (work / "logs").mkdir()
    corpus = Corpus(size, filler=filler)
    t = time.perf_counter()
    corpus.write(work / "corpus")
    generate = time.perf_counter() - t
    megabytes = sum(p.stat().st_size for p in (work / "corpus").rglob("*.txt")) / 1e6
    print(f"  {size:,} documents ({megabytes:.1f} MB) written in {generate:.1f} s to {work}", flush=True)
    changes = Changes(corpus, work)
    result.update({"documents": size, "megabytes": megabytes, "generate_s": generate, "cli": {}})
    save()
    try:
        ops = ["cold", *[op for op in OPS[1:] if op in args.ops]]
        cli_runs(changes, ops[:1], args.checker_args, result["cli"], save)
        result["after_cold"] = summary_of(work)
        cli_runs(changes, ops[1:], args.checker_args, result["cli"], save)
        if args.service:
            result["service"] = {}
            service_ops = [op for op in SERVICE_OPS if op in args.ops]
            service_runs(changes, service_ops, args, result["service"], save)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def table(r: dict[str, Any]) -> str:
    """One size's figures as a text table."""
    service = r.get("service", {})
    lines = [
        f"{r['documents']:,} documents ({r['megabytes']:.1f} MB)",
        f"  {'operation':<24} {'CLI wall':>10} {'CLI peak':>10} {'service':>10}",
    ]
    for op, cli in r["cli"].items():
        if op in service:
            serv = f"{service[op]['median_s']:9.2f}s"
        elif op == "unchanged" and "startup_s" in service:
            serv = f"{service['startup_s']:9.2f}s"  # the start-up reconcile finds nothing changed
        else:
            serv = f"{'-':>10}"
        lines.append(f"  {LABELS[op]:<24} {cli['seconds']:9.2f}s {cli['peak_mb']:7.0f} MB {serv}")
    if service:
        lines.append(
            f"  service: peak {service['peak_mb']:.0f} MB over its life; 'unchanged' is its start-up "
            f"reconcile (process start included); edits: median of {len(service.get('edit', {}).get('all_s', []))}"
        )
    return "\n".join(lines)


def figures(r: dict[str, Any]) -> dict[str, float]:
    """The figures of one size that ratios are taken of, by name."""
    out = {f"CLI {op} s": c["seconds"] for op, c in r["cli"].items()}
    out.update({f"CLI {op} peak MB": c["peak_mb"] for op, c in r["cli"].items()})
    service = r.get("service", {})
    out.update({f"service {op} s": service[op]["median_s"] for op in SERVICE_OPS if op in service})
    if service:
        out["service start-up s"] = service["startup_s"]
        out["service peak MB"] = service["peak_mb"]
    return out


def ratios(results: dict[int, dict[str, Any]]) -> dict[str, float]:
    """Largest size over smallest, per figure (100k / 1k when both ran)."""
    small, large = figures(results[min(results)]), figures(results[max(results)])
    return {k: large[k] / small[k] for k in small if k in large and small[k] > 0}


def checker_source() -> Path:
    """The `checker` package the commands this bench starts import (PYTHONPATH may name another tree).

    Asked from an empty folder, as the commands run in the corpus's: not from this checkout's.
    """
    with tempfile.TemporaryDirectory() as empty:
        proc = subprocess.run(
            [sys.executable, "-c", "import checker; print(checker.__file__)"],
            capture_output=True, text=True, check=True, cwd=empty,
        )  # fmt: skip
    return Path(proc.stdout.strip()).parent


def machine() -> dict[str, Any]:
    source = checker_source()

    def git(*a: str) -> str | None:
        # The checkout the code under test comes from, not necessarily this bench's.
        proc = subprocess.run(["git", *a], cwd=source.parent, capture_output=True, text=True, check=False)
        return proc.stdout.strip() or None if proc.returncode == 0 else None

    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "checker_from": str(source),
        "commit": git("rev-parse", "HEAD"),
        "checker_tree": git("rev-parse", "HEAD:checker"),  # the same tree means the same code under test
        "dirty": bool(git("status", "--porcelain", "checker")),
        "cores": os.cpu_count(),
        "load_average": list(os.getloadavg()),
        "python": platform.python_version(),
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", help="comma-separated corpus sizes [1000,10000,100000; --quick: 1000]")
    parser.add_argument("--ops", default=",".join(OPS), help="operations (cold always runs) [all]")
    parser.add_argument("--quick", action="store_true", help="1,000 documents, one service write each")
    parser.add_argument("--writes", type=int, help="service edits timed per size (median) [3; --quick: 1]")
    parser.add_argument(
        "--debounce-ms", type=int, default=100, help="the service's debounce window [100: its default]"
    )
    parser.add_argument("--no-service", dest="service", action="store_false", help="CLI figures only")
    parser.add_argument("--checker-args", default="", help="extra flags for `checker check`, e.g. '--jobs 2'")
    parser.add_argument("--out", type=Path, help="write every figure to this JSON file")
    parser.add_argument("--tmp", help="folder for the temporary corpora [the system's]")
    parser.add_argument("--keep", action="store_true", help="keep the corpora, stores and logs")
    parser.add_argument("--show", type=Path, help="print the tables of a saved --out file and stop")
    args = parser.parse_args()
    args.sizes = [int(s) for s in (args.sizes or ("1000" if args.quick else "1000,10000,100000")).split(",")]
    args.ops = [op.strip() for op in args.ops.split(",") if op.strip()]
    unknown = set(args.ops) - set(OPS)
    if unknown:
        parser.error(f"--ops: unknown {', '.join(sorted(unknown))}; choose from {', '.join(OPS)}")
    args.writes = args.writes or (1 if args.quick else 3)
    args.checker_args = args.checker_args.split()
    return args


def show(data: dict[str, Any]) -> None:
    """Print a run's tables and ratios (also from a saved --out file: --show FILE)."""
    results = {int(k): v for k, v in data["sizes"].items() if v.get("cli")}
    m = data["machine"]
    print(
        f"\ncommit {m['commit']}, {m['cores']} cores, load average {m['load_average'][0]:.1f} at the start\n"
    )
    for r in results.values():
        print(table(r) + "\n")
    if len(results) > 1:
        data["ratios"] = {"of": f"{max(results)} / {min(results)}", **ratios(results)}
        print(f"ratios {max(results):,} / {min(results):,} documents")
        for name, value in ratios(results).items():
            print(f"  {name:<28} {value:8.1f}x")


def main() -> None:
    args = parse_args()
    if args.show:
        show(json.loads(args.show.read_text(encoding="utf-8")))
        return
    data: dict[str, Any] = {"machine": machine(), "sizes": {}}
    print(
        f"{data['machine']['cores']} cores, load average {data['machine']['load_average'][0]:.1f}", flush=True
    )
    filler = filler_sentences()

    def save() -> None:
        if args.out:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    for size in args.sizes:
        data["sizes"][str(size)] = {}
        measure(size, args, filler, data["sizes"][str(size)], save)
    data["machine"]["load_average_end"] = list(os.getloadavg())
    show(data)
    save()


if __name__ == "__main__":
    main()
