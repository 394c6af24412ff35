"""Units: which figures compare and how they convert, from a generated table, pint only when needed.

Every stage that compares quantities goes through this module: extraction
reads `UNIT_WORDS` (defined in `checker.units.words`) to know which written
words are units, matching and the rules call `comparable`, `convert` and
`base_magnitude`.

Canonical unit names (the `Claim.unit` strings) are short and stable: ``km``,
``CNY``, ``percent``, ``percentage_point``, ``point`` (an index score, not the
typographic point), ``year_of_age``, ``count``, ``ratio``, ``hour``, ``day``,
``month``, ``year`` ...  A few of them collide with pint's built-ins (``point``
is 1/72 inch there, ``count`` is dimensionless), so `_PINT_NAME` maps such a
canonical name onto the unit defined here; callers never see the difference.

Money has a dimension per currency: without an exchange rate yuan and dollars
must never compare.  Counts have their own dimension so that "200个" never
compares with "200%".  Percentage points are their own dimension too: "3个百分点"
is a difference of percentages, not a percentage.

Building the pint registry (checker/units/registry.py) takes about half a
second, longer than checking a short report.  The units the extractor writes
are therefore looked up in table.json, which tools/units_table.py (`make
units-table`) writes from that registry and tests/extract/test_units_table.py
compares with it; a unit the table lacks (one written in a fact sheet) loads
the registry on first use.  `ureg` is that registry, built when first read.
"""

from __future__ import annotations

import json
import math
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from checker.units.names import pint_name
from checker.units.words import ENGLISH_UNIT_WORDS, UNIT_WORDS, UnitWord

if TYPE_CHECKING:
    from checker.models import Claim

TABLE_PATH: Final[Path] = Path(__file__).with_name("table.json")

DIMENSIONS_BY_KIND: Final[dict[str, str]] = {
    "count": "[count]",
    "amount": "[currency_cny]",
    "score": "[score]",
    "age": "[age]",
}


class UnitRow(NamedTuple):
    """One unit of the table: its dimension and (factor, offset) to its base unit."""

    dimension: str
    factor: float
    offset: float
    base: str


class Table(NamedTuple):
    """table.json read: the units, and the (factor, offset) between units of one dimension."""

    units: dict[str, UnitRow]
    conversions: dict[tuple[str, str], tuple[float, float]]


@cache
def table() -> Table:
    """table.json, read once per process."""
    data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    units = {name: UnitRow(*row) for name, row in data["units"].items()}
    conversions = {
        (a, b): (f, o) for a, targets in data["conversions"].items() for b, (f, o) in targets.items()
    }
    return Table(units, conversions)


def __getattr__(name: str) -> Any:
    if name == "ureg":
        from checker.units.registry import ureg

        return ureg
    raise AttributeError(f"module 'checker.units' has no attribute {name!r}")


def is_known(unit: str) -> bool:
    """True when the registry can read `unit`."""
    if unit in table().units:
        return True
    from checker.units import registry

    try:
        registry.parse(unit)
    except Exception:
        return False
    return True


@lru_cache(maxsize=1024)
def dimension_of(unit: str) -> str:
    """The dimensionality of `unit` as a string ("[length]", "[count]", "dimensionless").

    Unknown units get a dimension of their own, "[unknown:<unit>]", so they only
    ever compare with themselves.
    """
    row = table().units.get(unit)
    if row is not None:
        return row.dimension
    from checker.units import registry

    try:
        return registry.dimension(unit)
    except Exception:
        return f"[unknown:{unit}]"


def comparable(u1: str, u2: str) -> bool:
    """True when figures in `u1` and `u2` measure the same dimension."""
    return u1 == u2 or dimension_of(u1) == dimension_of(u2)


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """`value` in `from_unit` expressed in `to_unit`.

    Raises pint's DimensionalityError (a ValueError) when the units do not compare.
    """
    if from_unit == to_unit:
        return value
    known = table().conversions.get((from_unit, to_unit))
    if known is None:
        from checker.units import registry

        known = registry.factor(from_unit, to_unit)
    factor, offset = known
    return value * factor + offset


def base_magnitude(value: float, unit: str) -> tuple[float, str]:
    """`value` in `unit` expressed in the registry's base unit of its dimension.

    ("660", "km") → (660000.0, "meter"); ("3", "万元") → (30000.0, "CNY").  Two
    figures are comparable exactly when their base units are equal.
    """
    row = table().units.get(unit)
    if row is None:
        from checker.units import registry

        factor, offset, base = registry.base(unit)
    else:
        factor, offset, base = row.factor, row.offset, row.base
    result = value * factor + offset
    return (result if math.isfinite(result) else value), base


def unit_key(claim: Claim) -> str:
    """Claims with different unit keys are never one fact.

    Counts need the same measure word; other figures the same pint dimension
    (公里 and 米 compare).  Dimensionless units keep their name: a percentage
    and a bare ratio are different kinds of statement.
    """
    if claim.unit == "count":
        return f"count:{claim.measure or ''}"
    dimension = dimension_of(claim.unit)
    return claim.unit if dimension == "dimensionless" else dimension


__all__ = [
    "DIMENSIONS_BY_KIND",
    "ENGLISH_UNIT_WORDS",
    "UNIT_WORDS",
    "UnitWord",
    "base_magnitude",
    "comparable",
    "convert",
    "dimension_of",
    "is_known",
    "pint_name",
    "unit_key",
    "ureg",
]
