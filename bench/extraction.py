"""Extraction benchmark: accuracy against the gold set, speed and memory, beside Recognizers-Text.

Run by hand or with `make bench`; not a timed test.

    .venv/bin/python bench/extraction.py [--runs 5] [--mb 5] [--rt-kb 64] [--no-rt]

Accuracy uses `bench/gold.py` (the gold README's rule: same file, span
overlap, value equal within 1e-6; then the unit by measure word or dimension;
then the bound) at three levels, for both extractors with the same code.
Speed is CPU time of one process (one core) over the seeds repeated to at
least `--mb` megabytes, the median of `--runs` runs, subjects and time scopes
included.  Peak memory is tracemalloc's peak during one such run.
Recognizers-Text (Chinese culture; number, percentage and number-with-unit
models) is timed on a smaller sample: it reads about 0.05 MB/s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.gold import LEVELS, Predicted, Score, load_gold, score  # noqa: E402
from checker.extract import extract_text  # noqa: E402

GOLD = REPO.parent / "shared" / "gold" / "claims-dev.jsonl"
SEED_DIRS = (REPO / "seeds", REPO.parent / "shared" / "seeds")
INSTALL_RT = "pip install --pre recognizers-text-suite 'emoji<2'   (or: pip install -e '.[bench]')"

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


def ours(name: str, text: str) -> list[Predicted]:
    """Our claims as scoring input."""
    return [
        Predicted(name, c.offset, c.end, c.value, c.unit, c.measure, c.bound.value)
        for c in extract_text(text, name)
    ]


class RecognizersText:
    """Microsoft Recognizers-Text, Chinese culture: number, percentage and number-with-unit models."""

    def __init__(self) -> None:
        from recognizers_number import NumberRecognizer
        from recognizers_number_with_unit import NumberWithUnitRecognizer
        from recognizers_text import Culture

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


def accuracy(gold: list[Any], preds: list[Predicted]) -> dict[str, Score]:
    """The score at every level."""
    return {level: score(gold, preds, level) for level in LEVELS}


def throughput(run: Callable[[str], object], text: str, runs: int) -> float:
    """MB/s: median over `runs` of the CPU time of `run(text)`."""
    mb = len(text.encode("utf-8")) / 1e6
    times = []
    for _ in range(runs):
        t0 = time.process_time()
        run(text)
        times.append(time.process_time() - t0)
    return mb / statistics.median(times)


def peak_memory(run: Callable[[str], object], text: str) -> float:
    """Peak traced allocation in MB during one run."""
    tracemalloc.start()
    run(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def repeated(texts: list[str], megabytes: float) -> str:
    """The texts joined and repeated to at least `megabytes` MB of UTF-8."""
    one = "\n\n".join(texts)
    reps = int(megabytes * 1e6 // len(one.encode("utf-8"))) + 1
    return "\n\n".join([one] * reps)


def _row(label: str, scores: dict[str, Score]) -> str:
    cells = "  ".join(f"{s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}" for s in scores.values())
    return f"{label:<22}{cells}"


def main() -> int:
    """Print the benchmark table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="timed runs; the median counts (default 5)")
    ap.add_argument("--mb", type=float, default=5.0, help="megabytes of text to time us on (default 5)")
    ap.add_argument(
        "--rt-kb", type=float, default=64.0, help="kilobytes to time Recognizers-Text on (default 64)"
    )
    ap.add_argument("--no-rt", action="store_true", help="skip Recognizers-Text")
    args = ap.parse_args()

    if not GOLD.is_file():
        print(f"gold set not found at {GOLD}: accuracy needs ../shared/gold beside the repository")
        return 2
    gold = load_gold(GOLD)
    texts = seed_texts(sorted({g.file for g in gold}))
    print(f"gold: {GOLD} ({len(gold)} claims in {len(texts)} files)")

    mine = [p for name, text in texts.items() for p in ours(name, text)]
    my_scores = accuracy(gold, mine)

    rt: RecognizersText | None = None
    if not args.no_rt:
        try:
            rt = RecognizersText()
        except Exception as exc:  # ImportError, or the emoji>=2 incompatibility
            print(f"Recognizers-Text not available ({exc.__class__.__name__}: {exc}); install it with:")
            print(f"    {INSTALL_RT}")
    rt_scores = (
        accuracy(gold, [p for name, text in texts.items() for p in rt.predict(name, text)]) if rt else None
    )

    header = "  ".join(f"{level:^20}" for level in LEVELS)
    print(f"\naccuracy{'':<14}{header}")
    print(f"{'':<22}" + "  ".join(f"{'P':>6} {'R':>6} {'F1':>6}" for _ in LEVELS))
    print(_row("checker", my_scores))
    if rt_scores:
        print(_row("Recognizers-Text", rt_scores))

    big = repeated(list(texts.values()), args.mb)
    big_mb = len(big.encode("utf-8")) / 1e6
    my_speed = throughput(extract_text, big, args.runs)
    my_peak = peak_memory(extract_text, big)
    print(f"\nspeed (CPU time, one core, median of {args.runs} runs; subjects and time scopes included)")
    print(
        f"checker            {my_speed:8.2f} MB/s over {big_mb:.2f} MB; peak memory {my_peak:.1f} MB (tracemalloc)"
    )
    if rt:
        sample = repeated(list(texts.values()), args.rt_kb / 1000)[: int(args.rt_kb * 1000 / 3)]
        sample_mb = len(sample.encode("utf-8")) / 1e6
        rt_speed = throughput(rt.parse, sample, 1)
        print(
            f"Recognizers-Text   {rt_speed:8.3f} MB/s over a {sample_mb * 1000:.0f} KB sample (one run: it is slow)"
        )
        assert rt_scores is not None
        print("\nratios (checker / Recognizers-Text)")
        for lvl in LEVELS:
            r = rt_scores[lvl].f1
            print(f"  F1 {lvl:<18} {my_scores[lvl].f1 / r if r else float('inf'):8.1f}x")
        print(f"  throughput            {my_speed / rt_speed:8.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
