"""How long the command line takes to start: `--help`, `claims one.txt`, `check` of a one-document folder.

    make bench-start                 # or: .venv/bin/python bench/start.py
    .venv/bin/python bench/start.py --runs 15 --before 7ae3cc4
    .venv/bin/python bench/start.py --no-before

Each command runs as a fresh `python -m checker` process, `--runs` times; the
median wall time is printed, and the median CPU time (user + system) of the
process, which a machine shared with other jobs disturbs less.  `check` gets a new SQLite store and reports folder
each time (a cold store, as a pre-commit hook on a fresh clone sees it) and
the repository's rules/ folder.  Both trees are copied to a temporary folder
and byte-compiled first, as `pip install` does: a user's Python reads .pyc
files, whereas a process started with PYTHONDONTWRITEBYTECODE=1 (as in some
sandboxes) compiles every module of checker again each time; `--from-source`
measures that case instead.  With `--before COMMIT` (default: 7ae3cc4, the
last commit before the fast start of issue 11) that commit's `checker/` is
unpacked with `git archive` and timed in the same run, the two trees taking
turns, so a busy machine slows both alike; the ratios (now / before) follow.
Last, `python -X importtime` of each command: the modules that cost most
(cumulative), and which heavy optional packages were imported at all.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.gitarchive import unpack  # noqa: E402

BEFORE = "7ae3cc4"
ONE = REPO / "seeds" / "000_92f2ac85fe6324f8.txt"
# Imported only by the commands that need them; any of these in `--help` is a regression.
HEAVY = (
    "pint",
    "psycopg",
    "dask",
    "jinja2",
    "trafilatura",
    "pypdf",
    "docx",
    "watchdog",
    "apscheduler",
    "loguru",
    "yaml",
    "pydantic",
)


@dataclass(frozen=True)
class Tree:
    """A checkout to time: its label and the folder that holds its `checker/` package."""

    label: str
    root: Path


def commands(work: Path, run: int, tree: str = "") -> dict[str, list[str]]:
    """The timed command lines; `check` gets a store and reports folder of its own for run `run` of `tree`.

    Of its own per tree too: two trees sharing one would time the second against a warm store (or fail
    on a store schema it does not know yet).
    """
    return {
        "--help": ["--help"],
        "claims one.txt": ["claims", "one.txt"],
        "check one-doc/": [
            "check",
            "one-doc",
            "--rules",
            str(REPO / "rules"),
            "--store",
            str(work / f"store-{tree}{run}.db"),
            "--reports",
            str(work / f"reports-{tree}{run}"),
            "--format",
            "concise",
        ],
    }


@dataclass(frozen=True)
class Run:
    """One process: wall and CPU seconds, and what it wrote on stderr."""

    wall: float
    cpu: float
    stderr: str


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_once(tree: Tree, args: list[str], work: Path, importtime: bool = False) -> Run:
    """One `python -m checker ARGS` with `tree` first on the path (and no .pyc written)."""
    env = {**os.environ, "PYTHONPATH": str(tree.root), "NO_COLOR": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    argv = [sys.executable, *(["-X", "importtime"] if importtime else []), "-m", "checker", *args]
    cpu0, t0 = _children_cpu(), time.perf_counter()
    proc = subprocess.run(argv, cwd=work, env=env, capture_output=True, text=True, timeout=600, check=False)
    seconds, cpu = time.perf_counter() - t0, _children_cpu() - cpu0
    if proc.returncode not in (0, 1):
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"{tree.label}: checker {' '.join(args)} exited {proc.returncode}:\n{tail}")
    return Run(seconds, cpu, proc.stderr)


def timings(trees: list[Tree], work: Path, runs: int) -> dict[tuple[str, str], list[Run]]:
    """The runs per (tree, command), the trees and commands taking turns run after run."""
    times: dict[tuple[str, str], list[Run]] = {}
    for run in range(runs):
        for name in commands(work, run):
            for tree in trees if run % 2 == 0 else trees[::-1]:
                args = commands(work, run, f"{tree.label}-")[name]
                times.setdefault((tree.label, name), []).append(run_once(tree, args, work))
    return times


def import_costs(tree: Tree, work: Path, top: int) -> None:
    """The `-X importtime` lines of the costliest modules of each command, and the heavy ones imported."""
    for name, args in commands(work, 10_000, f"{tree.label}-").items():
        rows = []
        for line in run_once(tree, args, work, importtime=True).stderr.splitlines():
            if not line.startswith("import time:") or "|" not in line or "cumulative" in line:
                continue
            _, self_us, total_us, module = (part.strip() for part in line.replace(":", "|", 1).split("|"))
            rows.append((int(total_us), int(self_us), module))
        modules = {m for _, _, m in rows}
        heavy = [h for h in HEAVY if h in modules]
        total = sum(self_us for _, self_us, _ in rows) / 1e6
        print(f"\n{tree.label}: {name}: {len(rows)} modules, {total:.3f} s of imports (under importtime)")
        print(f"  heavy packages imported: {', '.join(heavy) or 'none'}")
        print(f"  {'cumulative':>10}  {'self':>8}  module (top {top} by cumulative time)")
        for total_us, self_us, module in sorted(rows, reverse=True)[:top]:
            print(f"  {total_us / 1e3:8.1f}ms  {self_us / 1e3:6.1f}ms  {module}")


def copy_tree(dest: Path) -> None:
    """This working tree's `checker/` (without bytecode), to be timed like the other one."""
    shutil.copytree(REPO / "checker", dest / "checker", ignore=shutil.ignore_patterns("__pycache__"))


def byte_compile(tree: Tree) -> None:
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(tree.root / "checker")],
        check=True,
        timeout=600,
        env={k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    )


def prepare(work: Path) -> None:
    """one.txt and one-doc/one.txt: a seed report (about 2 KB of Chinese)."""
    (work / "one-doc").mkdir()
    shutil.copy(ONE, work / "one.txt")
    shutil.copy(ONE, work / "one-doc" / "one.txt")


def report(trees: list[Tree], times: dict[tuple[str, str], list[Run]], runs: int) -> None:
    names = list(commands(Path(), 0))
    print(f"`python -m checker ...`: median of {runs} runs, wall time and CPU time (user + system)")
    header = "".join(f"{t.label + ' wall':>14}{t.label + ' cpu':>13}" for t in trees)
    print(f"{'command':<16}{header}" + ("   ratio wall   cpu" if len(trees) > 1 else ""))
    for name in names:
        medians = [
            (
                statistics.median(r.wall for r in times[(t.label, name)]),
                statistics.median(r.cpu for r in times[(t.label, name)]),
            )
            for t in trees
        ]
        row = "".join(f"{wall:>12.3f} s{cpu:>11.3f} s" for wall, cpu in medians)
        if len(medians) > 1:
            row += f"{medians[0][0] / medians[1][0]:>12.2f}x{medians[0][1] / medians[1][1]:>5.2f}x"
        print(f"{name:<16}{row}")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=9, help="runs of each command [9]")
    parser.add_argument("--before", default=BEFORE, help=f"commit to compare with [{BEFORE}]")
    parser.add_argument("--no-before", action="store_true", help="time this tree only")
    parser.add_argument("--from-source", action="store_true", help="no .pyc: compile checker every run")
    parser.add_argument("--top", type=int, default=12, help="modules listed per command [12]")
    return parser.parse_args()


def main() -> int:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-start-") as tmp:
        work = Path(tmp) / "work"
        work.mkdir()
        prepare(work)
        copy_tree(Path(tmp) / "now")
        trees = [Tree("now", Path(tmp) / "now")]
        if not args.no_before:
            why = unpack(args.before, Path(tmp) / "before")
            if why is None:
                trees.append(Tree(args.before, Path(tmp) / "before"))
            else:
                print(f"before: {why}; timing this tree only", file=sys.stderr)
        for tree in trees if not args.from_source else []:
            byte_compile(tree)
        mode = "from source (no .pyc)" if args.from_source else "byte-compiled, as installed"
        print(f"python {sys.version.split()[0]}, checker {mode}; load average {os.getloadavg()[0]:.1f}")
        report(trees, timings(trees, work, args.runs), args.runs)
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
        for tree in trees:
            import_costs(tree, work, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
