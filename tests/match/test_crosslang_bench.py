"""The cross-language links of bench/crosslang.py hold their floor (the bench prints the figures)."""

from __future__ import annotations

from bench.crosslang import DATA, score

# Issue 14's targets.  Measured 1.000 and 0.870 when this floor was set; see bench/README.md for the
# misses that remain and why.
PRECISION_FLOOR = 0.95
RECALL_FLOOR = 0.8


def test_the_labelled_set_is_big_enough() -> None:
    assert len(list(DATA.glob("*.txt"))) >= 10
    assert (DATA / "README.md").is_file()


def test_cross_language_links_hold_their_floor() -> None:
    s = score()
    assert s.unlabelled == [], "label every English claim in bench/data/crosslang/labels.yml"
    assert s.expected >= 40
    assert s.precision >= PRECISION_FLOOR, s.misses
    assert s.recall >= RECALL_FLOOR, s.misses
