"""Write checker/units/table.json: the units the extractor needs, as pint's registry defines them.

    .venv/bin/python tools/units_table.py        (or: make units-table)

For every unit of `checker.units.registry.table_units()` (the canonical units,
the written Chinese unit words and the 万/亿 multiples): its dimension and its
(factor, offset) to the base unit; for every two units of one dimension, the
(factor, offset) pint converts with, so that a conversion read from the table
is bit for bit pint's.  `checker.units` reads this file instead of building the
registry at start-up; tests/extract/test_units_table.py checks it is current.
Run this after changing checker/units/words.py or the registry's definitions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pint

from checker.units import registry

OUT = Path(__file__).resolve().parents[1] / "checker" / "units" / "table.json"


def build() -> dict[str, Any]:
    """The table as written to table.json."""
    names = registry.table_units()
    units = {name: [registry.dimension(name), *registry.base(name)] for name in names}
    conversions: dict[str, dict[str, list[float]]] = {}
    for a in names:
        for b in names:
            if a != b and units[a][0] == units[b][0]:
                conversions.setdefault(a, {})[b] = list(registry.factor(a, b))
    return {"pint": pint.__version__, "units": units, "conversions": conversions}


def render(table: dict[str, Any]) -> str:
    """One unit or one unit's conversions per line: a change reads as a small diff."""
    lines = [f'{{"pint": {json.dumps(table["pint"])},', ' "units": {']
    for key in ("units", "conversions"):
        if key == "conversions":
            lines.append(' "conversions": {')
        rows = [
            f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}"
            for k, v in table[key].items()
        ]
        lines.append(",\n".join(rows))
        lines.append(" }," if key == "units" else " }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> int:
    """Write the table; the path goes to stderr."""
    OUT.write_text(render(build()), encoding="utf-8")
    print(f"wrote {OUT} ({len(registry.table_units())} units)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
