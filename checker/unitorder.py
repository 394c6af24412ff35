"""A run's groups and passed checks in report order, updated from the last run's by the units that changed.

Every run lists the groups of every unit, and every passed check, in one total
order (checker/match/groups.py `report_order`; rules/engine.py's head and place).
Sorting 16,000 groups and 13,000 passed checks anew took a tenth of a second of each
run of the watch service at 10,000 documents, after an edit that changed a few
units.  The last run's list is kept with the units it came from: the items of
units gone are dropped, those of units new are put in their places.  A unit is
known by identity (checker/incremental.py hands an unchanged unit over as the same
object), and its items never change once it is made.  The order is total, so the
list is the one a sort of every item gives.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

T = TypeVar("T")
U = TypeVar("U")


@dataclass(frozen=True)
class Ordered(Generic[T]):
    """Items of units in one total order, with the units they came from (held: their ids stay theirs)."""

    units: dict[int, object]
    items: list[T]
    salt: Hashable = None  # what else decides a unit's items (the rules enabled)


def ordered(
    last: Ordered[T] | None,
    units: Sequence[U],
    items_of: Callable[[U], Iterable[T]],
    *,
    key: Callable[[T], Any],
    sort: Callable[[list[T]], list[T]] | None = None,
    salt: Hashable = None,
) -> Ordered[T]:
    """The items of `units` in the order of `key` (total), from `last` where few units changed.

    `sort`: how a whole list is sorted into that order, when cheaper than by `key` (the same order).
    """
    now: dict[int, object] = {id(u): u for u in units}
    if last is not None and last.salt == salt:
        added = [u for i, u in now.items() if last.units.get(i) is not u]
        gone = [u for i, u in last.units.items() if now.get(i) is not u]
        if len(added) + len(gone) <= max(16, len(now) // 8):
            dropped = {id(x) for u in gone for x in items_of(u)}  # type: ignore[arg-type]
            items = [x for x in last.items if id(x) not in dropped] if dropped else list(last.items)
            for x in (x for u in added for x in items_of(u)):  # type: ignore[arg-type]
                bisect.insort(items, x, key=key)
            return Ordered(now, items, salt)
    every = [x for u in units for x in items_of(u)]
    return Ordered(now, sort(every) if sort is not None else sorted(every, key=key), salt)
