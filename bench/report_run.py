"""Time the report writing of one source tree on a prepared store; print the timings as JSON.

    python bench/report_run.py TREE REQUEST.json [--prepare]

TREE holds a `checker/` package: this repository, or an older commit unpacked
by `report_scale.py`.  The request names the corpus, a copy of a store whose
last run checked it, a fresh reports folder and the document to edit.  Three
writes are timed, each `Checker._write` of a report (what `checker check` and
the watch service call after evaluating): the last run's report into an empty
folder (cold), the same report again (nothing changed), and the report of a
run after one document was edited.  The re-check between them is not timed.
Loading the stored report (`store.last_report`, what `checker report` does) is
timed too.  With --prepare it only checks the corpus into the store (no reports).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any


def _rerun_after_edit(app: Any, request: dict[str, Any]) -> Any:
    """The report of a run (not written) after one document was edited; the edit is then undone."""
    target = Path(request["edit"])
    original = target.read_text(encoding="utf-8")
    target.write_text(original + request["added"], encoding="utf-8")
    try:
        return app.run([Path(request["corpus"])], write=False).report
    finally:
        target.write_text(original, encoding="utf-8")


def main() -> int:
    tree = Path(sys.argv[1]).resolve()
    request = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    sys.path.insert(0, str(tree))  # this tree's checker, whatever the venv installed
    import checker
    from checker.app import Checker
    from checker.config import Settings
    from checker.rules.loader import load_rules

    if not Path(checker.__file__).resolve().is_relative_to(tree):
        print(f"checker was imported from {checker.__file__}, not from {tree}", file=sys.stderr)
        return 2
    settings = Settings(store=Path(request["store"]), reports=Path(request["reports"]), log_file=None)
    loaded = load_rules([Path(request["rules"])])
    app = Checker(settings, loaded.rules)
    out: dict[str, float] = {}
    try:
        if "--prepare" in sys.argv:
            t0 = time.perf_counter()
            app.run([Path(request["corpus"])], write=False)
            json.dump({"check": time.perf_counter() - t0}, sys.stdout)
            return 0
        t0 = time.perf_counter()
        report = app.store.last_report()  # what `checker report` loads
        out["last_report"] = time.perf_counter() - t0
        assert report is not None, "the prepared store has no finished run"
        for name in ("cold", "unchanged"):
            t0 = time.perf_counter()
            app._write(report)
            out[name] = time.perf_counter() - t0
        edited = _rerun_after_edit(app, request)
        t0 = time.perf_counter()
        app._write(edited)
        out["edit"] = time.perf_counter() - t0
        out["bytes"] = float(
            sum(p.stat().st_size for p in Path(request["reports"]).rglob("*") if p.is_file())
        )
    finally:
        app.close()
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
