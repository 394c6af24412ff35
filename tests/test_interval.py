from __future__ import annotations

import pytest

from checker.models import Interval

INF = None


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        (Interval(lower=70000), Interval(lower=70000, lower_closed=False), True),  # 7万个以上 vs 超7万个
        (
            Interval(lower=63000, upper=70000, upper_closed=False),
            Interval(lower=70000),
            False,
        ),  # 近7万 vs 7万以上
        (Interval(lower=45000, upper=55000), Interval(lower=70000), False),  # 5万个 vs 7万个以上
        (Interval(lower=9.255, upper=9.265), Interval(lower=9.25, upper=9.35), True),  # 9.26% vs 9.3%
        (Interval(lower=659.5, upper=660.5), Interval(lower=679.5, upper=680.5), False),
        (Interval(lower=1, upper=2), Interval(lower=2, upper=3), True),
        (Interval(lower=1, upper=2, upper_closed=False), Interval(lower=2, upper=3), False),
        (Interval(), Interval(lower=5, upper=6), True),
        (Interval(upper=1.9), Interval(lower=1.9, lower_closed=False), False),
    ],
)
def test_overlaps_is_symmetric_and_right(a: Interval, b: Interval, overlap: bool) -> None:
    assert a.overlaps(b) is overlap
    assert b.overlaps(a) is overlap


def test_contains_and_scale() -> None:
    i = Interval(lower=2, upper=3, lower_closed=False, upper_closed=False)
    assert not i.contains(2) and i.contains(2.5) and not i.contains(3)
    assert i.scaled(12).describe() == "(24, 36)"
