"""Where one run's time goes, phase by phase, in this process: the service's edits or a command's.

scale.py times whole operations from outside; this times the pipeline's phases inside one process, by
wall clock (no profiler: cProfile inflates small Python functions several times), so a change can be
aimed at the phase that costs and judged there.  It writes bench/corpus.py's corpus, makes a cold check
of it (one run, as `checker check`), then either keeps one Checker as `checker watch` does (its start-up
run, then `--edits` edits of the bench's seed, each run over the edited file only) or, with `--cli`,
makes each edit's run in a new Checker as a command would (in this process: no import or start-up).

    python bench/phases.py --size 10000 --edits 5
    python bench/phases.py --size 10000 --edits 3 --cli
    python bench/phases.py --work /tmp/w --edits 5      # reuse a corpus and store written before

Each run prints its wall time, `published` (the seconds until its reports were switched in: what a
reader of latest.json waits; the store's bookkeeping follows) and, per phase, the seconds spent in it
(nested phases are counted in their parents too).  With `--memory` (Linux), a second line gives this process's resident memory in MB
as each phase ended, and its peak so far: where a run's memory grows (the extraction and page workers
are other processes, not counted).

    python bench/phases.py --size 10000 --edits 1 --cli --memory
"""

from __future__ import annotations

import argparse
import functools
import importlib
import os
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.corpus import Corpus, filler_sentences

# (module, attribute): where each phase is looked up when it runs (the modules that call it, or the class).
PHASES = [
    ("checker.pipeline", "sync"),
    ("checker.pipeline", "_previous"),
    ("checker.pipeline", "evaluate"),
    ("checker.evaluate", "load"),
    ("checker.evaluate", "evaluate_all"),
    ("checker.incremental", "component_facts"),
    ("checker.match.linker", "Linker.link"),
    ("checker.incremental", "_units"),
    ("checker.incremental", "settle"),
    ("checker.evaluate", "keep"),
    ("checker.evaluate", "timelines"),
    ("checker.app", "start_pages"),
    ("checker.report.docfiles", "plan_pages"),
    ("checker.app", "write_reports"),
    ("checker.app", "render_html"),
    ("checker.app", "record_pages"),
]
SPENT: dict[str, float] = defaultdict(float)
# Seconds from a run's start until its reports were switched in (latest.json is the new one): what a reader
# of the reports waits, where the run's wall time also counts the store's bookkeeping that follows.
PUBLISHED = "published"
STARTED: list[float] = [0.0]
RESIDENT: dict[str, int] = {}  # MB resident as each phase last ended, with --memory
STATUS = Path("/proc/self/status")


@dataclass
class Options:
    memory: bool = False  # record RESIDENT


OPTIONS = Options()


def resident() -> tuple[int, int]:
    """This process's resident memory now and at its peak, in MB (Linux's VmRSS and VmHWM)."""
    fields = dict(
        line.split(":", 1) for line in STATUS.read_text(encoding="ascii").splitlines() if ":" in line
    )
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def _timed(name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return f(*args, **kwargs)
        finally:
            SPENT[name] += time.perf_counter() - start
            if OPTIONS.memory:
                RESIDENT[name] = resident()[0]

    return timed


def instrument() -> None:
    for module, name in PHASES:
        owner: Any = importlib.import_module(module)
        *classes, attribute = name.split(".")  # "Class.method": a method, timed on its class
        for cls in classes:
            owner = getattr(owner, cls)
        setattr(owner, attribute, _timed(name, getattr(owner, attribute)))
    app: Any = importlib.import_module("checker.app")
    write_reports = app.write_reports

    def published(*args: Any, **kwargs: Any) -> Any:
        written = write_reports(*args, **kwargs)
        SPENT[PUBLISHED] = time.perf_counter() - STARTED[0]
        return written

    app.write_reports = published


def report(label: str, seconds: float) -> None:
    names = [PUBLISHED, *(name for _, name in PHASES)]
    phases = "  ".join(f"{name}={SPENT[name]:.3f}" for name in names if name in SPENT)
    print(f"{label:<32} {seconds:7.2f} s   {phases}", flush=True)
    SPENT.clear()
    if OPTIONS.memory:
        ended = "  ".join(f"{name}={RESIDENT[name]}" for _, name in PHASES if name in RESIDENT)
        print(f"{'  memory (MB)':<32} {'':9}   {ended}  peak={resident()[1]}", flush=True)
        RESIDENT.clear()


def make_checker(work: Path, *, carry: bool) -> Any:
    """A Checker as the service keeps one (`carry`), or as a command makes one: nothing kept in this process."""
    from checker.app import Checker
    from checker.config import load_settings
    from checker.report import html
    from checker.report.fragments import Fragments
    from checker.selection import rules_for

    if not carry:
        html._FRAGMENTS = Fragments()  # a new process has rendered no piece of the page
    settings = load_settings(store=work / "state" / "checker.db", reports=work / "reports")
    return Checker(settings, *rules_for(settings), one_run=not carry, carry=carry)


def run(app: Any, label: str, only: list[Path] | None = None) -> None:
    start = STARTED[0] = time.perf_counter()
    app.run([Path("corpus")], trigger="watch" if only else "check", only=only)
    report(label, time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10_000, help="documents in the corpus [10,000]")
    parser.add_argument("--edits", type=int, default=5, help="edits timed [5]")
    parser.add_argument("--cli", action="store_true", help="each edit's run in a new Checker, as a command")
    parser.add_argument("--work", type=Path, help="a folder with corpus/ and state/ from an earlier run")
    parser.add_argument("--memory", action="store_true", help="resident memory as each phase ends (Linux)")
    args = parser.parse_args()
    if args.memory and not STATUS.is_file():
        parser.error(f"--memory reads {STATUS}, which this system does not have")
    OPTIONS.memory = args.memory
    from bench.scale import Changes

    work = args.work or Path(tempfile.mkdtemp(prefix=f"checker-phases-{args.size}-"))
    corpus = Corpus(args.size, filler=filler_sentences())
    work.mkdir(parents=True, exist_ok=True)
    os.chdir(work)
    instrument()
    if not (work / "corpus").is_dir():
        corpus.write(work / "corpus")
        run(make_checker(work, carry=False), "cold check")
    changes = Changes(corpus, work)
    kept = None if args.cli else make_checker(work, carry=True)
    if kept is not None:
        run(kept, "service start-up")
    for n in range(args.edits):
        time.sleep(0.2)  # the service's loop would wait out its debounce window
        changes.edit()
        assert changes.edited is not None
        edited = changes.edited.relative_to(work)
        app = kept or make_checker(work, carry=False)
        run(app, f"edit {n + 1} {edited.name}", only=None if args.cli else [edited])
        if app is not kept:
            app.close()
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
