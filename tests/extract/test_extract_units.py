"""checker.units: the one registry, its Chinese unit words and the helpers other stages use."""

from __future__ import annotations

import pint
import pytest

from checker.extract.patterns import UNIT_TOKENS
from checker.units import (
    ENGLISH_UNIT_WORDS,
    UNIT_WORDS,
    base_magnitude,
    comparable,
    convert,
    dimension_of,
    is_known,
    ureg,
)


@pytest.mark.parametrize("word", sorted(UNIT_WORDS))
def test_every_chinese_unit_word_is_in_the_registry(word: str) -> None:
    assert is_known(UNIT_WORDS[word].unit)
    assert is_known(word), f"{word} cannot be read by the registry"


@pytest.mark.parametrize("word", sorted(ENGLISH_UNIT_WORDS))
def test_every_english_unit_word_maps_to_a_known_unit(word: str) -> None:
    assert is_known(ENGLISH_UNIT_WORDS[word].unit)


def test_the_scanner_reads_every_unit_word() -> None:
    assert {w for w in UNIT_WORDS if not w.isascii() or not w.isalpha()} <= set(UNIT_TOKENS)


def test_one_registry() -> None:
    assert isinstance(ureg, pint.UnitRegistry)
    assert ureg.Quantity(3, "万元").to("CNY").magnitude == pytest.approx(30000)


@pytest.mark.parametrize(
    ("unit", "dimension"),
    [
        ("km", "[length]"),
        ("公里", "[length]"),
        ("CNY", "[currency_cny]"),
        ("万亿元", "[currency_cny]"),
        ("count", "[count]"),
        ("point", "[score]"),
        ("分", "[score]"),
        ("percentage_point", "[percentage_point]"),
        ("个百分点", "[percentage_point]"),
        ("year_of_age", "[age]"),
        ("周岁", "[age]"),
        ("hour", "[time]"),
        ("个月", "[time]"),
        ("percent", "dimensionless"),
        ("%", "dimensionless"),
        ("ratio", "dimensionless"),
        ("", "dimensionless"),
    ],
)
def test_dimension_of(unit: str, dimension: str) -> None:
    assert dimension_of(unit) == dimension


def test_unknown_units_compare_only_with_themselves() -> None:
    assert dimension_of("widgets") == "[unknown:widgets]"
    assert comparable("widgets", "widgets")
    assert not comparable("widgets", "km")


@pytest.mark.parametrize(
    ("u1", "u2", "expected"),
    [
        ("km", "m", True),
        ("公里", "km", True),
        ("CNY", "万元", True),
        ("CNY", "USD", False),
        ("count", "percent", False),
        ("percent", "percentage_point", False),
        ("point", "km", False),
        ("year", "year_of_age", False),
        ("month", "year", True),
        ("万千瓦", "kW", True),
        ("percent", "ratio", True),
    ],
)
def test_comparable(u1: str, u2: str, expected: bool) -> None:
    assert comparable(u1, u2) is expected


@pytest.mark.parametrize(
    ("value", "src", "dst", "expected"),
    [
        (660, "km", "m", 660_000),
        (30, "万亿元", "CNY", 3e13),
        (30, "month", "year", 2.5),
        (5, "万千瓦", "kW", 50_000),
        (50, "percent", "ratio", 0.5),
        (3, "亩", "m2", 2000),
        (2, "jin", "kg", 1),
        (144, "hour", "day", 6),
        (7, "km", "km", 7),
    ],
)
def test_convert(value: float, src: str, dst: str, expected: float) -> None:
    assert convert(value, src, dst) == pytest.approx(expected)


def test_convert_refuses_other_dimensions() -> None:
    with pytest.raises(pint.DimensionalityError):
        convert(1, "count", "km")


def test_base_magnitude() -> None:
    assert base_magnitude(660, "km") == (pytest.approx(660_000), "meter")
    value, base = base_magnitude(3, "万元")
    assert (value, base) == (pytest.approx(30_000), "CNY")
    assert base_magnitude(200, "count")[1] == base_magnitude(1, "count")[1]
