"""Scoring extracted claims against hand-labelled gold claims (`shared/gold/claims-dev.jsonl`).

The rule of the gold set's README: a prediction matches a gold claim when it
is in the same file, its span overlaps the gold span and its value is equal
(relative tolerance 1e-6).  The stricter levels add the unit (the same measure
word, or a unit of the same dimension; an implied unit matches a count or a
ratio without measure word) and then the bound.  Matching is one to one.
Used by the gold test and by `bench/extraction.py`, so both score alike.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from checker.extract.lexicon import MEASURE_WORDS
from checker.units import UNIT_WORDS, dimension_of


@dataclass(frozen=True, slots=True)
class GoldClaim:
    """One labelled claim."""

    file: str
    offset: int
    end: int
    text: str
    value: float
    unit: str
    bound: str


@dataclass(frozen=True, slots=True)
class Predicted:
    """What scoring needs of a prediction, from any extractor."""

    file: str
    offset: int
    end: int
    value: float
    unit: str  # canonical unit ("count", "km") or a written one
    measure: str | None
    bound: str


@dataclass(frozen=True, slots=True)
class Score:
    """Precision, recall and F1 at one level."""

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        """Matched predictions over all predictions."""
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched gold claims over all gold claims."""
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: Path) -> list[GoldClaim]:
    """The gold claims of a JSON-lines file."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        out.append(
            GoldClaim(
                d["file"], d["offset"], d["end"], d["text"], float(d["value"]), d["unit"], d["qualifier"]
            )
        )
    return out


def unit_matches(gold_unit: str, pred: Predicted) -> bool:
    """Whether a prediction's unit is the gold unit: same measure word, or same dimension."""
    if gold_unit == "":
        return pred.measure is None and pred.unit in ("count", "ratio", "1", "")
    if gold_unit in MEASURE_WORDS and gold_unit not in UNIT_WORDS:
        return gold_unit in (pred.measure, pred.unit)
    if pred.measure is not None:
        return False
    return pred.unit == gold_unit or dimension_of(pred.unit) == dimension_of(gold_unit)


def _value_equal(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


LEVELS: dict[str, Callable[[GoldClaim, Predicted], bool]] = {
    "value": lambda g, p: True,
    "value+unit": lambda g, p: unit_matches(g.unit, p),
    "value+unit+bound": lambda g, p: unit_matches(g.unit, p) and g.bound == p.bound,
}


def score(gold: Iterable[GoldClaim], predicted: Iterable[Predicted], level: str) -> Score:
    """Score predictions against gold at `level` ("value", "value+unit", "value+unit+bound")."""
    accept = LEVELS[level]
    golds = list(gold)
    preds = list(predicted)
    by_file: dict[str, list[int]] = {}
    for i, g in enumerate(golds):
        by_file.setdefault(g.file, []).append(i)
    used: set[int] = set()
    matched = 0
    for p in preds:
        for i in by_file.get(p.file, ()):
            g = golds[i]
            if i in used or not (p.offset < g.end and g.offset < p.end):
                continue
            if _value_equal(p.value, g.value) and accept(g, p):
                used.add(i)
                matched += 1
                break
    return Score(matched, len(preds), len(golds))


def misses(gold: Iterable[GoldClaim], predicted: Iterable[Predicted], level: str) -> list[GoldClaim]:
    """Gold claims no prediction matches at `level` (for reports and test messages)."""
    accept = LEVELS[level]
    preds = list(predicted)
    return [
        g
        for g in gold
        if not any(
            p.file == g.file
            and p.offset < g.end
            and g.offset < p.end
            and _value_equal(p.value, g.value)
            and accept(g, p)
            for p in preds
        )
    ]
