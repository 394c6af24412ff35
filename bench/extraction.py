"""Extraction benchmark: accuracy against the gold set, speed and memory, before and after issue 9.

Run by hand or with `make bench`; not a timed test.

    .venv/bin/python bench/extraction.py [--runs 5] [--rounds 2] [--mb 5] [--before 277321d]
                                         [--no-before] [--rt-kb 64] [--no-rt]

Two extractors run on the same gold set and the same text: this tree's and
the one of `--before` (by default 277321d, the last commit before issue 9, "One
reading of the text"), unpacked with `git archive` into a temporary folder.
Each runs in its own subprocess (`extractor_run.py`), alternately for
`--rounds` rounds, so neither gets a warmer process or a quieter minute.
Without git or that commit, only the current row is printed.

Accuracy uses `bench/gold.py` (the gold README's rule: same file, span
overlap, value equal within 1e-6; then the unit by measure word or dimension;
then the bound) at three levels, for every extractor with the same code.
Speed is CPU time of one process (one core) over the seeds repeated to at
least `--mb` megabytes, the median of all timed runs, subjects and time scopes
included.  Peak memory is tracemalloc's peak during one such run.
Recognizers-Text (Chinese culture; number, percentage and number-with-unit
models) is timed on a smaller sample: it reads about 0.05 MB/s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.gitarchive import unpack  # noqa: E402
from bench.gold import LEVELS, Predicted, Score, load_gold, score  # noqa: E402
from bench.measure import repeated  # noqa: E402

GOLD = REPO.parent / "shared" / "gold" / "claims-dev.jsonl"
SEED_DIRS = (REPO / "seeds", REPO.parent / "shared" / "seeds")
INSTALL_RT = "pip install --pre recognizers-text-suite 'emoji<2'   (or: pip install -e '.[bench]')"
# The last commit before issue 9 ("One reading of the text"): the extractor it is measured against.
BEFORE = "277321d"
RUNNER = Path(__file__).resolve().parent / "extractor_run.py"

# Recognizers-Text unit names → canonical units of checker.units.
RT_UNITS = {
    "Kilometer": "km",
    "Meter": "m",
    "Centimeter": "cm",
    "Millimeter": "mm",
    "Square kilometer": "km2",
    "Square meter": "m2",
    "Hectare": "hectare",
    "Ton": "t",
    "Kilogram": "kg",
    "Gram": "g",
    "Chinese yuan": "CNY",
    "Yuan": "CNY",
    "Jiao": "CNY",
    "Fen": "CNY",
    "United States dollar": "USD",
    "Dollar": "USD",
    "Euro": "EUR",
    "Hour": "hour",
    "Minute": "minute",
    "Second": "second",
    "Day": "day",
    "Week": "week",
    "Month": "month",
    "Year": "year",
    "Kilowatt": "kW",
    "Watt": "W",
    "C": "degC",
}


def seed_texts(names: list[str]) -> dict[str, str]:
    """The text of each seed file named in the gold set."""
    out = {}
    for name in names:
        path = next((d / name for d in SEED_DIRS if (d / name).is_file()), None)
        if path is None:
            raise SystemExit(f"seed {name} not found in {', '.join(str(d) for d in SEED_DIRS)}")
        out[name] = path.read_text(encoding="utf-8")
    return out


class RecognizersText:
    """Microsoft Recognizers-Text, Chinese culture: number, percentage and number-with-unit models."""

    def __init__(self) -> None:
        from recognizers_number import NumberRecognizer
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_text import Culture

        self.scores: dict[str, Score] | None = None
        numbers = NumberRecognizer(Culture.Chinese)
        units = NumberWithUnitRecognizer(Culture.Chinese)
        # unit models first: where they overlap a plain number, the unit reading wins
        self.models = [
            units.get_currency_model(),
            units.get_dimension_model(),
            units.get_age_model(),
            units.get_temperature_model(),
            numbers.get_percentage_model(),
            numbers.get_number_model(),
        ]

    def parse(self, text: str) -> list[Any]:
        """Every model's results, overlaps removed."""
        taken: list[tuple[int, int]] = []
        out = []
        for model in self.models:
            for r in model.parse(text):
                span = (r.start, r.end + 1)
                if any(a < span[1] and span[0] < b for a, b in taken):
                    continue
                taken.append(span)
                out.append(r)
        return out

    def predict(self, name: str, text: str) -> list[Predicted]:
        """Recognizers-Text results as scoring input (it states no bounds: all "=")."""
        preds = []
        for r in self.parse(text):
            res = r.resolution or {}
            raw = str(res.get("value", "")).replace(",", "")
            unit = ""
            if raw.endswith("%"):
                raw, unit = raw[:-1], "percent"
            try:
                value = float(raw)
            except ValueError:
                continue
            if res.get("unit"):
                unit = RT_UNITS.get(str(res["unit"]), str(res["unit"]))
                if r.type_name == "age":
                    unit = "year_of_age"
            preds.append(Predicted(name, r.start, r.end + 1, value, unit, None, "="))
        return preds


@dataclass
class Measured:
    """One extractor's figures: scores at every level, timed runs and peak memory."""

    label: str
    tree: Path
    scores: dict[str, Score] | None = None
    times: list[float] | None = None
    peak_mb: float = 0.0

    def speed(self, mb: float) -> float:
        """MB/s over the median of all timed runs."""
        return mb / statistics.median(self.times or [float("nan")])


def run_tree(tree: Path, request: dict[str, Any]) -> dict[str, Any]:
    """The extractor of `tree` run in a subprocess on `request` (see extractor_run.py)."""
    proc = subprocess.run(
        [sys.executable, str(RUNNER), str(tree)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=3600,
        check=False,
    )
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        raise RuntimeError(f"the extractor of {tree} failed (exit {proc.returncode}):\n{tail}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def measure_all(
    rows: list[Measured], gold: list[Any], texts: dict[str, str], big: str, args: argparse.Namespace
) -> list[Measured]:
    """Predict, time and trace every row, alternately for `args.rounds` rounds; rows that fail are dropped."""
    for round_ in range(args.rounds):
        first = round_ == 0
        request = {"texts": texts, "big": big, "runs": args.runs, "predict": first, "peak": first}
        for row in list(rows):
            try:
                result = run_tree(row.tree, request)
            except (RuntimeError, OSError, subprocess.TimeoutExpired, json.JSONDecodeError) as exc:
                if row is rows[0]:
                    raise
                print(f"{row.label}: left out ({exc})")
                rows.remove(row)
                continue
            if first:
                preds = [Predicted(*p) for p in result["predictions"]]
                row.scores = accuracy(gold, preds)
                row.peak_mb = result["peak_mb"]
            row.times = [*(row.times or []), *result["times"]]
    return rows


def accuracy(gold: list[Any], preds: list[Predicted]) -> dict[str, Score]:
    """The score at every level."""
    return {level: score(gold, preds, level) for level in LEVELS}


def _row(label: str, scores: dict[str, Score]) -> str:
    cells = "  ".join(f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}" for s in scores.values())
    return f"{label:<24}{cells}"


def _ratio(now: float, before: float) -> float:
    return now / before if before else float("inf")


def print_accuracy(rows: list[Measured], rt_scores: dict[str, Score] | None) -> None:
    header = "  ".join(f"{level:^20}" for level in LEVELS)
    print(f"\naccuracy{'':<16}{header}")
    print(f"{'':<24}" + "  ".join(f"{'P':>6} {'R':>6} {'F1':>6}" for _ in LEVELS))
    for row in rows:
        assert row.scores is not None
        print(_row(row.label, row.scores))
    if rt_scores:
        print(_row("Recognizers-Text", rt_scores))


def print_speed(rows: list[Measured], big_mb: float, args: argparse.Namespace) -> None:
    runs = args.runs * args.rounds
    print(f"\nspeed (CPU time, one core, median of {runs} runs in {args.rounds} alternating rounds;")
    print(f"subjects and time scopes included; {big_mb:.2f} MB of text; peak memory by tracemalloc)")
    for row in rows:
        print(f"{row.label:<24}{row.speed(big_mb):8.2f} MB/s   peak memory {row.peak_mb:6.1f} MB")


def print_before_after(now: Measured, before: Measured, big_mb: float) -> None:
    """Now over before at every level, for speed and for memory; a ratio that got worse is marked."""
    assert now.scores is not None and before.scores is not None
    print(f"\nratios ({now.label} / {before.label}; speed and memory vary a few percent between runs)")
    for lvl in LEVELS:
        r = round(_ratio(now.scores[lvl].f1, before.scores[lvl].f1), 3)
        print(f"  F1 {lvl:<18} {r:8.3f}x{'   worse' if r < 1 else ''}")
    r = round(_ratio(now.speed(big_mb), before.speed(big_mb)), 2)
    print(f"  throughput            {r:8.2f}x{'   slower' if r < 1 else ''}")
    r = round(_ratio(now.peak_mb, before.peak_mb), 2)
    print(f"  peak memory           {r:8.2f}x{'   more' if r > 1 else ''}   (lower is better)")


def recognizers_text(args: argparse.Namespace) -> RecognizersText | None:
    """Recognizers-Text when it is installed and asked for."""
    if args.no_rt:
        return None
    try:
        return RecognizersText()
    except Exception as exc:  # ImportError, or the emoji>=2 incompatibility
        print(f"Recognizers-Text not available ({exc.__class__.__name__}: {exc}); install it with:")
        print(f"    {INSTALL_RT}")
        return None


def print_rt(
    rt: RecognizersText, now: Measured, texts: dict[str, str], big_mb: float, args: argparse.Namespace
) -> None:
    """Time Recognizers-Text on a small sample (it is slow) and print our figures over theirs."""
    sample = repeated(list(texts.values()), args.rt_kb / 1000)[: int(args.rt_kb * 1000 / 3)]
    sample_mb = len(sample.encode("utf-8")) / 1e6
    t0 = time.process_time()
    rt.parse(sample)
    rt_speed = sample_mb / (time.process_time() - t0)
    print(f"{'Recognizers-Text':<24}{rt_speed:8.3f} MB/s over a {sample_mb * 1000:.0f} KB sample (one run)")
    assert now.scores is not None and rt.scores is not None
    print(f"\nratios ({now.label} / Recognizers-Text)")
    for lvl in LEVELS:
        print(f"  F1 {lvl:<18} {_ratio(now.scores[lvl].f1, rt.scores[lvl].f1):8.1f}x")
    print(f"  throughput            {now.speed(big_mb) / rt_speed:8.1f}x")


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs per round (default 5)")
    ap.add_argument("--rounds", type=int, default=2, help="alternating rounds of all extractors (default 2)")
    ap.add_argument("--mb", type=float, default=5.0, help="megabytes of text to time on (default 5)")
    ap.add_argument("--before", default=BEFORE, help=f"commit to compare with (default {BEFORE})")
    ap.add_argument("--no-before", action="store_true", help="measure the current extractor only")
    ap.add_argument(
        "--rt-kb", type=float, default=64.0, help="kilobytes to time Recognizers-Text on (default 64)"
    )
    ap.add_argument("--no-rt", action="store_true", help="skip Recognizers-Text")
    return ap.parse_args()


def main() -> int:
    """Print the benchmark table."""
    args = parse_args()
    if not GOLD.is_file():
        print(f"gold set not found at {GOLD}: accuracy needs ../shared/gold beside the repository")
        return 2
    gold = load_gold(GOLD)
    texts = seed_texts(sorted({g.file for g in gold}))
    big = repeated(list(texts.values()), args.mb)
    big_mb = len(big.encode("utf-8")) / 1e6
    print(f"gold: {GOLD} ({len(gold)} claims in {len(texts)} files)")
    with tempfile.TemporaryDirectory(prefix="bench-before-") as tmp:
        rows = [Measured("checker now", REPO)]
        if not args.no_before:
            problem = unpack(args.before, Path(tmp))
            if problem:
                print(f"no comparison with {args.before}: {problem}; the current extractor only")
            else:
                rows.append(Measured(f"checker {args.before}", Path(tmp)))
        rows = measure_all(rows, gold, texts, big, args)
    rt = recognizers_text(args)
    if rt:
        rt.scores = accuracy(gold, [p for name, text in texts.items() for p in rt.predict(name, text)])
    print_accuracy(rows, rt.scores if rt else None)
    print_speed(rows, big_mb, args)
    if len(rows) > 1:
        print_before_after(rows[0], rows[1], big_mb)
    if rt:
        print_rt(rt, rows[0], texts, big_mb, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
