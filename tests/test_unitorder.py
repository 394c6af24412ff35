"""Items of units in one total order, updated from the last run's by the units that changed (checker/unitorder.py)."""

from __future__ import annotations

import random

from checker.unitorder import Ordered, ordered


class Unit:
    def __init__(self, items: list[tuple[int, str]]) -> None:
        self.items = [list(x) for x in items]  # objects of their own, as a unit's groups are


def _items(u: Unit) -> list[list[object]]:
    return u.items


def _key(x: list[object]) -> tuple[object, ...]:
    return tuple(x)


def test_after_random_changes_the_list_is_the_sorted_list_of_every_units_items() -> None:
    rng = random.Random(7)
    names = iter(range(10**6))
    units = [
        Unit([(rng.randrange(50), f"u{next(names)}") for _ in range(rng.randrange(4))]) for _ in range(60)
    ]
    last: Ordered[list[object]] | None = None
    whole: list[int] = []

    def sort(xs: list[list[object]]) -> list[list[object]]:
        whole.append(len(xs))
        return sorted(xs, key=_key)

    for step in range(300):
        for _ in range(rng.choice([0, 1, 2, 3, 30])):  # now and then many: sorted whole
            if units and rng.random() < 0.5:
                units.pop(rng.randrange(len(units)))
            else:
                units.insert(rng.randrange(len(units) + 1), Unit([(rng.randrange(50), f"u{next(names)}")]))
        salt = "rules" if step < 250 else "other rules"
        made = ordered(last, units, _items, key=_key, sort=sort, salt=salt)
        every = [x for u in units for x in _items(u)]
        assert made.items == sorted(every, key=_key), f"step {step}"
        assert all(any(x is y for y in every) for x in made.items), "this run's objects, not equal ones"
        last = made
    assert 10 < len(whole) < 100, (
        "mostly updated in place; sorted whole at first, after many changes, new rules"
    )


def test_a_whole_list_is_sorted_by_the_sort_given() -> None:
    units = [Unit([(3, "c"), (1, "a")]), Unit([(2, "b")])]
    calls: list[int] = []

    def sort(xs: list[list[object]]) -> list[list[object]]:
        calls.append(len(xs))
        return sorted(xs, key=_key)

    first = ordered(None, units, _items, key=_key, sort=sort)
    assert [x[1] for x in first.items] == ["a", "b", "c"] and calls == [3]
    second = ordered(first, [*units, Unit([(0, "z")])], _items, key=_key, sort=sort)
    assert [x[1] for x in second.items] == ["z", "a", "b", "c"] and calls == [3], (
        "one unit added: put in place"
    )
