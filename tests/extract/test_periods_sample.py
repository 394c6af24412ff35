"""The period and modality accuracy on the labelled sample holds a floor (a regression fails)."""

from __future__ import annotations

import pytest

from bench.periods import CORPORA, load, score

# A little under what the extractor reaches (period 68.5%, modality 84.5% on 168 claims).
PERIOD_FLOOR = 0.65
MODALITY_FLOOR = 0.80


@pytest.mark.skipif(
    not CORPORA["gov-work-reports"].is_dir(), reason="../shared/corpora is not beside the repo"
)
def test_period_and_modality_accuracy_hold_their_floor() -> None:
    misses: list[str] = []
    scores = score(load(), misses)
    assert scores.total >= 150 and scores.found == scores.total, misses[:5]
    assert scores.rate("period") >= PERIOD_FLOOR, "\n".join(misses)
    assert scores.rate("modality") >= MODALITY_FLOOR, "\n".join(misses)
