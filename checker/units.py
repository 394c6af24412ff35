"""The project's one pint registry, with the Chinese unit names defined once.

Every stage that compares quantities goes through this module: extraction
reads `UNIT_WORDS` to know which written words are units, matching and the
rules call `comparable`, `convert` and `base_magnitude`.

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
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final

import pint

if TYPE_CHECKING:
    from checker.models import Claim


@dataclass(frozen=True, slots=True)
class UnitWord:
    """A written unit: the canonical unit it stands for and what kind of figure it makes."""

    unit: str
    kind: str
    scale: float = 1.0


# Written unit (Chinese, or English after NFKC) → canonical unit.  Order does not
# matter: the extractor tries longer words first.
UNIT_WORDS: Final[dict[str, UnitWord]] = {
    # length
    "公里": UnitWord("km", "length"),
    "千米": UnitWord("km", "length"),
    "米": UnitWord("m", "length"),
    "厘米": UnitWord("cm", "length"),
    "微米": UnitWord("um", "length"),
    "纳米": UnitWord("nm", "length"),
    "英里": UnitWord("mile", "length"),
    "毫米": UnitWord("mm", "length"),
    "海里": UnitWord("nautical_mile", "length"),
    "km": UnitWord("km", "length"),
    # area
    "平方公里": UnitWord("km2", "area"),
    "平方千米": UnitWord("km2", "area"),
    "平方米": UnitWord("m2", "area"),
    "公顷": UnitWord("hectare", "area"),
    "亩": UnitWord("mu", "area"),
    # volume
    "立方米": UnitWord("m3", "quantity"),
    "升": UnitWord("L", "quantity"),
    "毫升": UnitWord("mL", "quantity"),
    # weight
    "吨": UnitWord("t", "weight"),
    "千克": UnitWord("kg", "weight"),
    "公斤": UnitWord("kg", "weight"),
    "克": UnitWord("g", "weight"),
    "斤": UnitWord("jin", "weight"),
    # money
    "元": UnitWord("CNY", "amount"),
    "人民币": UnitWord("CNY", "amount"),
    "美元": UnitWord("USD", "amount"),
    "欧元": UnitWord("EUR", "amount"),
    "港元": UnitWord("HKD", "amount"),
    "港币": UnitWord("HKD", "amount"),
    "韩元": UnitWord("KRW", "amount"),
    "日元": UnitWord("JPY", "amount"),
    "英镑": UnitWord("GBP", "amount"),
    # durations (spans of time, never points in time)
    "小时": UnitWord("hour", "duration"),
    "个小时": UnitWord("hour", "duration"),
    "分钟": UnitWord("minute", "duration"),
    "秒": UnitWord("second", "duration"),
    "天": UnitWord("day", "duration"),
    "周": UnitWord("week", "duration"),
    "个星期": UnitWord("week", "duration"),
    "个月": UnitWord("month", "duration"),
    "个季度": UnitWord("quarter_year", "duration"),
    "年": UnitWord("year", "duration"),
    # power and energy
    "瓦": UnitWord("W", "power"),
    "千瓦": UnitWord("kW", "power"),
    "兆瓦": UnitWord("MW", "power"),
    "吉瓦": UnitWord("GW", "power"),
    "千瓦时": UnitWord("kWh", "quantity"),
    # shares and scores
    "%": UnitWord("percent", "percent"),
    "‰": UnitWord("permille", "percent"),
    "个百分点": UnitWord("percentage_point", "percent"),
    "百分点": UnitWord("percentage_point", "percent"),
    "分": UnitWord("point", "score"),
    "倍": UnitWord("ratio", "ratio"),
    "成": UnitWord("percent", "percent", 10.0),  # "近四成": tenths
    # age
    "周岁": UnitWord("year_of_age", "age"),
    "岁": UnitWord("year_of_age", "age"),
    # rates
    "公里/小时": UnitWord("km/hour", "quantity"),
    "千米/小时": UnitWord("km/hour", "quantity"),
    "元/吨": UnitWord("CNY/t", "amount"),
    "元/平方米": UnitWord("CNY/m2", "amount"),
    "元/千克": UnitWord("CNY/kg", "amount"),
    "元/斤": UnitWord("CNY/jin", "amount"),
    "元/千瓦时": UnitWord("CNY/kWh", "amount"),
    # temperature
    "°C": UnitWord("degC", "quantity"),
    "摄氏度": UnitWord("degC", "quantity"),
    "℃": UnitWord("degC", "quantity"),
}

# English unit words, lower case.
ENGLISH_UNIT_WORDS: Final[dict[str, UnitWord]] = {
    "km": UnitWord("km", "length"),
    "kilometers": UnitWord("km", "length"),
    "kilometres": UnitWord("km", "length"),
    "kilometer": UnitWord("km", "length"),
    "kilometre": UnitWord("km", "length"),
    "meters": UnitWord("m", "length"),
    "metres": UnitWord("m", "length"),
    "miles": UnitWord("mile", "length"),
    "mile": UnitWord("mile", "length"),
    "square kilometers": UnitWord("km2", "area"),
    "square kilometres": UnitWord("km2", "area"),
    "hectares": UnitWord("hectare", "area"),
    "tons": UnitWord("t", "weight"),
    "tonnes": UnitWord("t", "weight"),
    "kg": UnitWord("kg", "weight"),
    "yuan": UnitWord("CNY", "amount"),
    "rmb": UnitWord("CNY", "amount"),
    "dollars": UnitWord("USD", "amount"),
    "us dollars": UnitWord("USD", "amount"),
    "euros": UnitWord("EUR", "amount"),
    "hours": UnitWord("hour", "duration"),
    "hour": UnitWord("hour", "duration"),
    "minutes": UnitWord("minute", "duration"),
    "days": UnitWord("day", "duration"),
    "day": UnitWord("day", "duration"),
    "weeks": UnitWord("week", "duration"),
    "months": UnitWord("month", "duration"),
    "years": UnitWord("year", "duration"),
    "kw": UnitWord("kW", "power"),
    "mw": UnitWord("MW", "power"),
    "gw": UnitWord("GW", "power"),
    "kilowatts": UnitWord("kW", "power"),
    "percent": UnitWord("percent", "percent"),
    "per cent": UnitWord("percent", "percent"),
    "percentage points": UnitWord("percentage_point", "percent"),
    "percentage point": UnitWord("percentage_point", "percent"),
    "points": UnitWord("point", "score"),
    "times": UnitWord("ratio", "ratio"),
    "years old": UnitWord("year_of_age", "age"),
}

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
