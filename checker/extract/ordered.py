"""Bisection for positions read in text order.

A bisect over a long list of offsets touches entries far apart in memory, one
cache miss each on a large document; positions read in order move little, so
the next answer is first looked for among the few entries after the last one.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Final

_NEAR: Final[int] = 16


def right_from(seq: Sequence[int], x: int, lo: int) -> int:
    """`bisect_right(seq, x, lo)`: `lo` must be at most that answer (every seq[:lo] <= x)."""
    hi = lo + _NEAR
    if hi < len(seq) and seq[hi] > x:
        return bisect_right(seq, x, lo, hi)
    return bisect_right(seq, x, lo)


def left_from(seq: Sequence[int], x: int, lo: int) -> int:
    """`bisect_left(seq, x, lo)`: `lo` must be at most that answer (every seq[:lo] < x)."""
    hi = lo + _NEAR
    if hi < len(seq) and seq[hi] >= x:
        return bisect_left(seq, x, lo, hi)
    return bisect_left(seq, x, lo)
