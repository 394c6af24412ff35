"""Period and modality accuracy against the hand-labelled sample `bench/data/periods.jsonl`.

Run by hand or with `make bench`; not a timed test.

    .venv/bin/python bench/periods.py [--misses]

Each document is read as `checker check` reads it (decoding, metadata: the
file name gives the government work reports their year; the seeds have no
date), then extracted.  A labelled claim is found by file, line, the text it
starts with and its rank among such claims on the line; a claim not found
counts as wrong.  Printed: period accuracy (start, end and kind all right),
start/end alone, kind alone, modality (four values) and outcome-or-not
(reported and achieved taken as one).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from checker.extract import extract  # noqa: E402
from checker.models import Claim  # noqa: E402
from checker.sources import read_document  # noqa: E402
from checker.sources.metadata import describe  # noqa: E402

SAMPLE = REPO / "bench" / "data" / "periods.jsonl"
CORPORA = {
    "gov-work-reports": REPO.parent / "shared" / "corpora" / "gov-work-reports",
    "seeds": REPO / "seeds",
}


@dataclass
class Scores:
    """Counts of right answers over the labelled claims."""

    total: int = 0
    found: int = 0
    period: int = 0
    bounds: int = 0
    kind: int = 0
    modality: int = 0
    outcome: int = 0

    def rate(self, name: str) -> float:
        return getattr(self, name) / self.total if self.total else 0.0


def load(path: Path = SAMPLE) -> list[dict[str, Any]]:
    """The labelled claims."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _claims(corpus: str, name: str, cache: dict[tuple[str, str], list[Claim]]) -> list[Claim]:
    key = (corpus, name)
    if key not in cache:
        path = CORPORA[corpus] / name
        cache[key] = extract(describe(read_document(path, name), path)).claims
    return cache[key]


def find(claims: Iterable[Claim], label: dict[str, Any]) -> Claim | None:
    """The claim a label names: its line, the text it starts with, its rank among those."""
    same = [c for c in claims if c.line == label["line"] and c.text.startswith(label["text"])]
    return same[label["nth"]] if label["nth"] < len(same) else None


def score(labels: list[dict[str, Any]], misses: list[str] | None = None) -> Scores:
    """Score the extractor on the labels; wrong answers are described in `misses`."""
    out = Scores()
    cache: dict[tuple[str, str], list[Claim]] = {}
    for label in labels:
        out.total += 1
        claim = find(_claims(label["corpus"], label["path"], cache), label)
        if claim is None:
            if misses is not None:
                misses.append(f"not found: {label['path']}:{label['line']} {label['text']}")
            continue
        out.found += 1
        p = claim.period
        bounds = (p.start, p.end) == (label["start"], label["end"])
        kind = p.kind.value == label["kind"]
        out.bounds += bounds
        out.kind += kind
        out.period += bounds and kind
        out.modality += claim.modality.value == label["modality"]
        outcome = label["modality"] in ("reported", "achieved")
        out.outcome += claim.modality.is_outcome == outcome and (
            outcome or claim.modality.value == label["modality"]
        )
        if misses is not None and not (bounds and kind and claim.modality.value == label["modality"]):
            misses.append(
                f"{label['path']}:{label['line']} {label['text']}: want {label['start']}..{label['end']} "
                f"{label['kind']} {label['modality']}, got {p.start}..{p.end} {p.kind.value} "
                f"{claim.modality.value} ({p.text})"
            )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list every claim scored wrong")
    args = parser.parse_args()
    misses: list[str] = []
    s = score(load(), misses)
    print(f"period sample: {s.total} labelled claims, {s.found} found ({SAMPLE.relative_to(REPO)})")
    for name, what in (
        ("period", "period (start, end and kind)"),
        ("bounds", "period start and end"),
        ("kind", "period kind"),
        ("modality", "modality (reported/achieved/target/estimate)"),
        ("outcome", "outcome vs target vs estimate"),
    ):
        print(f"  {what:<48} {s.rate(name):6.1%}  ({getattr(s, name)}/{s.total})")
    if args.misses:
        print("\n".join(misses))


if __name__ == "__main__":
    main()
