"""checker/units/table.json is what pint's registry gives, and the extractor's units are all in it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from checker import units
from checker.units import registry

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> object:
    spec = importlib.util.spec_from_file_location("units_table", ROOT / "tools" / "units_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_table_equals_what_pint_gives() -> None:
    written = json.loads(units.TABLE_PATH.read_text(encoding="utf-8"))
    fresh = _tool().build()  # type: ignore[attr-defined]
    assert written["units"] == fresh["units"], "checker/units/table.json is stale: run `make units-table`"
    assert written["conversions"] == fresh["conversions"], "stale conversions: run `make units-table`"


def test_the_file_is_what_the_tool_writes() -> None:
    tool = _tool()
    assert units.TABLE_PATH.read_text(encoding="utf-8") == tool.render(tool.build())  # type: ignore[attr-defined]


@pytest.mark.parametrize("unit", registry.table_units())
def test_every_canonical_and_written_unit_is_in_the_table(unit: str) -> None:
    assert unit in units.table().units


@pytest.mark.parametrize(
    ("a", "b"), [("万元", "亿元"), ("km", "m"), ("公里", "米"), ("%", "‰"), ("℃", "degC"), ("month", "year")]
)
def test_lookups_answer_as_pint_does(a: str, b: str) -> None:
    assert units.convert(3.7, a, b) == registry.factor(a, b)[0] * 3.7 + registry.factor(a, b)[1]
    assert units.dimension_of(a) == registry.dimension(a)
    assert units.base_magnitude(2.5, a) == (
        2.5 * registry.base(a)[0] + registry.base(a)[1],
        registry.base(a)[2],
    )


def test_a_unit_outside_the_table_goes_to_pint() -> None:
    assert "inch" not in units.table().units
    assert units.is_known("inch")
    assert units.dimension_of("inch") == "[length]"
    assert units.convert(1.0, "inch", "m") == pytest.approx(0.0254)
    assert units.dimension_of("no_such_unit") == "[unknown:no_such_unit]"
    assert not units.is_known("no_such_unit")
