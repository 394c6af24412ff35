"""ordered.right_from and left_from answer what bisect answers, whatever the hint within its rule."""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right

from checker.extract.ordered import left_from, right_from


def test_answers_equal_bisect_from_any_valid_hint() -> None:
    rng = random.Random(4)
    for _ in range(300):
        seq = sorted(rng.randint(0, 200) for _ in range(rng.randint(0, 80)))
        for x in range(-2, 203, 3):
            right, left = bisect_right(seq, x), bisect_left(seq, x)
            for lo in {0, right // 2, max(0, right - 1), right}:
                assert right_from(seq, x, lo) == right
            for lo in {0, left // 2, max(0, left - 1), left}:
                assert left_from(seq, x, lo) == left


def test_positions_in_order_walk_a_long_list() -> None:
    seq = list(range(0, 100_000, 7))
    hint = 0
    for x in range(0, 100_000, 13):
        hint = right_from(seq, x, hint)
        assert hint == bisect_right(seq, x)
