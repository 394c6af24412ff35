"""The project's one pint registry, with the Chinese unit names defined once.

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
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

import pint

from checker.units.words import ENGLISH_UNIT_WORDS, UNIT_WORDS, UnitWord

if TYPE_CHECKING:
    from checker.models import Claim


# Canonical names that pint already uses for something else.
_PINT_NAME: Final[dict[str, str]] = {
    "point": "score_point",
    "count": "item_count",
    "quarter_year": "quarter_of_year",
}

_DEFINITIONS: Final[tuple[str, ...]] = (
    "item_count = [count]",
    "score_point = [score]",
    "percentage_point = [percentage_point]",
    "year_of_age = [age]",
    "ratio = 1",
    "mu = 10000 / 15 * meter ** 2",
    "jin = 0.5 * kilogram",
    "km2 = kilometer ** 2",
    "m2 = meter ** 2",
    "m3 = meter ** 3",
    "quarter_of_year = 3 * month",
    "CNY = [currency_cny] = yuan_renminbi",
    "USD = [currency_usd]",
    "EUR = [currency_eur]",
    "HKD = [currency_hkd]",
    "JPY = [currency_jpy]",
    "KRW = [currency_krw]",
    "GBP = [currency_gbp]",
)

# Chinese multipliers as pint units, so that "万元" or "亿千瓦时" parse directly.
_MULTIPLIERS: Final[dict[str, float]] = {"万亿": 1e12, "亿": 1e8, "千万": 1e7, "百万": 1e6, "万": 1e4}


def _build_registry() -> Any:
    reg: Any = pint.UnitRegistry(on_redefinition="raise")
    for line in _DEFINITIONS:
        reg.define(line)
    defined: set[str] = set()
    for word, uw in UNIT_WORDS.items():
        if word.isascii() or not word.isidentifier() or word in defined:
            continue
        reg.define(f"{word} = {_PINT_NAME.get(uw.unit, uw.unit)}")
        defined.add(word)
    for prefix, factor in _MULTIPLIERS.items():
        for word in ("元", "吨", "千瓦", "千瓦时", "亩", "平方公里", "美元"):
            name = prefix + word
            if name not in defined:
                reg.define(f"{name} = {factor!r} * {word}")
                defined.add(name)
    return reg


ureg: Final[Any] = _build_registry()
"""The one UnitRegistry of the project."""

DIMENSIONS_BY_KIND: Final[dict[str, str]] = {
    "count": "[count]",
    "amount": "[currency_cny]",
    "score": "[score]",
    "age": "[age]",
}


def pint_name(unit: str) -> str:
    """The pint expression for a canonical unit, a Chinese unit word or a pint name."""
    if unit in ("", "1"):
        return "ratio"
    if unit in UNIT_WORDS and not unit.isidentifier():
        unit = UNIT_WORDS[unit].unit  # "%", "‰", "℃" and the rates cannot be pint names
    return _PINT_NAME.get(unit, unit)


@lru_cache(maxsize=1024)
def _units(unit: str) -> Any:
    return ureg.parse_units(pint_name(unit))


def is_known(unit: str) -> bool:
    """True when the registry can read `unit`."""
    try:
        _units(unit)
    except Exception:
        return False
    return True


@lru_cache(maxsize=1024)
def dimension_of(unit: str) -> str:
    """The dimensionality of `unit` as a string ("[length]", "[count]", "dimensionless").

    Unknown units get a dimension of their own, "[unknown:<unit>]", so they only
    ever compare with themselves.
    """
    try:
        dim = _units(unit).dimensionality
    except Exception:
        return f"[unknown:{unit}]"
    text = str(dim)
    return text if text else "dimensionless"


def comparable(u1: str, u2: str) -> bool:
    """True when figures in `u1` and `u2` measure the same dimension."""
    return u1 == u2 or dimension_of(u1) == dimension_of(u2)


@lru_cache(maxsize=4096)
def _factor(from_unit: str, to_unit: str) -> tuple[float, float]:
    """(factor, offset) with to = from * factor + offset; offsets only for temperatures."""
    q0 = ureg.Quantity(0.0, _units(from_unit)).to(_units(to_unit)).magnitude
    q1 = ureg.Quantity(1.0, _units(from_unit)).to(_units(to_unit)).magnitude
    return float(q1 - q0), float(q0)


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """`value` in `from_unit` expressed in `to_unit`.

    Raises pint's DimensionalityError (a ValueError) when the units do not compare.
    """
    if from_unit == to_unit:
        return value
    factor, offset = _factor(from_unit, to_unit)
    return value * factor + offset


@lru_cache(maxsize=1024)
def _base(unit: str) -> tuple[float, float, str]:
    units = _units(unit)
    q0 = ureg.Quantity(0.0, units).to_base_units()
    q1 = ureg.Quantity(1.0, units).to_base_units()
    return float(q1.magnitude - q0.magnitude), float(q0.magnitude), str(q1.units)


def base_magnitude(value: float, unit: str) -> tuple[float, str]:
    """`value` in `unit` expressed in the registry's base unit of its dimension.

    ("660", "km") → (660000.0, "meter"); ("3", "万元") → (30000.0, "CNY").  Two
    figures are comparable exactly when their base units are equal.
    """
    factor, offset, base = _base(unit)
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
