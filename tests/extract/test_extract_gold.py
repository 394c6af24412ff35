"""F1 against the hand-labelled gold set beside the repository (../shared/gold/claims-dev.jsonl)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.gold import Predicted, load_gold, misses, score
from checker.extract import extract_text

REPO = Path(__file__).resolve().parents[2]
GOLD = REPO.parent / "shared" / "gold" / "claims-dev.jsonl"
SEED_DIRS = (REPO / "seeds", REPO.parent / "shared" / "seeds")

pytestmark = pytest.mark.skipif(
    not GOLD.is_file(), reason=f"gold set not found at {GOLD} (CI keeps ../shared beside the repository)"
)


def _predictions() -> list[Predicted]:
    gold = load_gold(GOLD)
    out = []
    for name in sorted({g.file for g in gold}):
        path = next((d / name for d in SEED_DIRS if (d / name).is_file()), None)
        assert path is not None, f"seed {name} of the gold set not found"
        for c in extract_text(path.read_text(encoding="utf-8"), name):
            out.append(Predicted(name, c.offset, c.end, c.value, c.unit, c.measure, c.bound.value))
    return out


def test_gold_f1_with_unit_and_bound() -> None:
    gold = load_gold(GOLD)
    preds = _predictions()
    result = score(gold, preds, "value+unit+bound")
    missed = [f"{g.file}:{g.offset} {g.text!r}" for g in misses(gold, preds, "value+unit+bound")]
    assert result.f1 >= 0.97, (
        f"F1 {result.f1:.3f} (P {result.precision:.3f} R {result.recall:.3f}); missed {missed}"
    )


def test_gold_value_recall() -> None:
    gold = load_gold(GOLD)
    preds = _predictions()
    result = score(gold, preds, "value")
    missed = [f"{g.file}:{g.offset} {g.text!r}" for g in misses(gold, preds, "value")]
    assert result.recall >= 0.99, f"value recall {result.recall:.3f}; missed {missed}"
