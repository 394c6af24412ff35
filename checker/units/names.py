"""Canonical unit names onto pint expressions: shared by the table lookup and the pint registry."""

from __future__ import annotations

from typing import Final

from checker.units.words import UNIT_WORDS

# Canonical names that pint already uses for something else.
PINT_NAMES: Final[dict[str, str]] = {
    "point": "score_point",
    "count": "item_count",
    "quarter_year": "quarter_of_year",
}


def pint_name(unit: str) -> str:
    """The pint expression for a canonical unit, a Chinese unit word or a pint name."""
    if unit in ("", "1"):
        return "ratio"
    if unit in UNIT_WORDS and not unit.isidentifier():
        unit = UNIT_WORDS[unit].unit  # "%", "‰", "℃" and the rates cannot be pint names
    return PINT_NAMES.get(unit, unit)
