"""The project's one pint registry, with the Chinese unit names defined once.

Importing this module builds the registry (about half a second), so
`checker.units` imports it only for a unit its generated table (table.json)
does not hold: a unit written in a fact sheet, say.  tools/units_table.py
writes that table from the functions here, and tests/extract/test_units_table.py
checks that it still equals what pint gives.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Final

import pint

from checker.units.names import PINT_NAMES, pint_name
from checker.units.words import ENGLISH_UNIT_WORDS, UNIT_WORDS

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
_MULTIPLIED: Final[tuple[str, ...]] = ("元", "吨", "千瓦", "千瓦时", "亩", "平方公里", "美元")


def _multiplied() -> list[str]:
    return [prefix + word for prefix in _MULTIPLIERS for word in _MULTIPLIED]


def _build_registry() -> Any:
    reg: Any = pint.UnitRegistry(on_redefinition="raise")
    for line in _DEFINITIONS:
        reg.define(line)
    defined: set[str] = set()
    for word, uw in UNIT_WORDS.items():
        if word.isascii() or not word.isidentifier() or word in defined:
            continue
        reg.define(f"{word} = {PINT_NAMES.get(uw.unit, uw.unit)}")
        defined.add(word)
    for prefix, factor in _MULTIPLIERS.items():
        for word in _MULTIPLIED:
            name = prefix + word
            if name not in defined:
                reg.define(f"{name} = {factor!r} * {word}")
                defined.add(name)
    return reg


ureg: Final[Any] = _build_registry()
"""The one UnitRegistry of the project."""


def table_units() -> list[str]:
    """Every unit the extractor writes on a claim or reads as a word: the keys of table.json."""
    canonical = [w.unit for w in (*UNIT_WORDS.values(), *ENGLISH_UNIT_WORDS.values())]
    names = ["", "1", "count", "ratio", *canonical, *UNIT_WORDS, *_multiplied()]
    return sorted(set(names))


@lru_cache(maxsize=1024)
def parse(unit: str) -> Any:
    """The pint units of `unit`; raises when the registry cannot read it."""
    return ureg.parse_units(pint_name(unit))


def dimension(unit: str) -> str:
    """The dimensionality of `unit` as a string ("[length]", "[count]", "dimensionless")."""
    text = str(parse(unit).dimensionality)
    return text if text else "dimensionless"


@lru_cache(maxsize=4096)
def factor(from_unit: str, to_unit: str) -> tuple[float, float]:
    """(factor, offset) with to = from * factor + offset; offsets only for temperatures."""
    q0 = ureg.Quantity(0.0, parse(from_unit)).to(parse(to_unit)).magnitude
    q1 = ureg.Quantity(1.0, parse(from_unit)).to(parse(to_unit)).magnitude
    return float(q1 - q0), float(q0)


@lru_cache(maxsize=1024)
def base(unit: str) -> tuple[float, float, str]:
    """(factor, offset, base unit) with base = value * factor + offset."""
    units = parse(unit)
    q0 = ureg.Quantity(0.0, units).to_base_units()
    q1 = ureg.Quantity(1.0, units).to_base_units()
    return float(q1.magnitude - q0.magnitude), float(q0.magnitude), str(q1.units)
