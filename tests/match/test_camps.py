"""The camps of a conflict (match/status.py `_camps`) equal those the Interval methods give."""

from __future__ import annotations

import random

from checker.match.status import _camps
from checker.models import Claim, Interval
from tests.match.test_grouping import claim


def _reference(claims: list[Claim], iv: dict[str, Interval]) -> list[list[Claim]]:
    """`_camps` as it was written with Interval.overlaps and Interval.intersect."""
    camps: list[list[Claim]] = []
    common: list[Interval] = []
    for c in sorted(claims, key=lambda c: (c.value, c.path, c.offset)):
        for i, camp in enumerate(camps):
            if iv[c.ident].overlaps(common[i]):
                camp.append(c)
                common[i] = common[i].intersect(iv[c.ident])
                break
        else:
            camps.append([c])
            common.append(iv[c.ident])
    return sorted(camps, key=lambda camp: (-len({c.path for c in camp}), camp[0].value))


def _interval(rng: random.Random) -> Interval:
    # Few distinct end points, so ends meet often: closed and open ends at one point decide.
    lower = rng.choice([None, *range(0, 12, 2)])
    upper = rng.choice([None, *(x for x in range(0, 14, 2) if lower is None or x >= lower)])
    return Interval(
        lower=lower,
        upper=upper,
        lower_closed=rng.random() < 0.6 or lower == upper,
        upper_closed=rng.random() < 0.6 or lower == upper,
    )


def test_camps_equal_the_interval_methods_on_random_intervals() -> None:
    rng = random.Random(5)
    split = 0
    for _ in range(400):
        claims = [
            claim(rng.choice("abcdef"), rng.randint(0, 12), "铁路里程") for _ in range(rng.randint(1, 14))
        ]
        iv = {c.ident: _interval(rng) for c in claims}
        got = _camps(claims, iv)
        assert [[c.ident for c in camp] for camp in got] == [
            [c.ident for c in camp] for camp in _reference(claims, iv)
        ]
        split += len(got) > 1
    assert split > 100, "most draws split into several camps"
