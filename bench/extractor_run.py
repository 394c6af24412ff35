"""Run the extractor of one source tree on the bench texts; print predictions and timings as JSON.

    python bench/extractor_run.py TREE < request.json

TREE is a folder holding a `checker/` package: this repository, or an older
commit unpacked by `extraction.py`.  The request names the gold texts
(`texts`: file name → text), the text to time (`big`), the number of timed runs
and whether to predict and to trace memory.  The extractor's `extract_text(text,
path)` returns claims with `offset`, `end`, `value`, `unit`, `measure` and
`bound` in every version since the gold set exists.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.measure import cpu_times, peak_memory  # noqa: E402  (imports nothing of checker)


def main() -> int:
    tree = Path(sys.argv[1]).resolve()
    request = json.load(sys.stdin)
    sys.path.insert(0, str(tree))  # before REPO: this tree's checker, not ours
    import checker
    from checker.extract import extract_text

    if not Path(checker.__file__).resolve().is_relative_to(tree):
        print(f"checker was imported from {checker.__file__}, not from {tree}", file=sys.stderr)
        return 2
    out: dict[str, object] = {"checker": checker.__file__}
    if request.get("predict"):
        out["predictions"] = [
            [name, c.offset, c.end, c.value, c.unit, c.measure, c.bound.value]
            for name, text in request["texts"].items()
            for c in extract_text(text, name)
        ]
    big = request["big"]
    out["times"] = cpu_times(extract_text, big, request["runs"])
    if request.get("peak"):
        out["peak_mb"] = peak_memory(extract_text, big)
    json.dump(out, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
