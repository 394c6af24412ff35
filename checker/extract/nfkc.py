"""The one-to-one NFKC rewrites of normalisation, and the characters NFKC lengthens, read from a data file.

Working them out walks the whole Basic Multilingual Plane through unicodedata,
about 15 ms of every start; data/nfkc.json (written by tools/nfkc_table.py,
`make nfkc-table`) holds the result for the Unicode version it was computed
with, and tests/extract/test_nfkc_table.py checks it is current.  A Python with
another Unicode version computes them itself, so the file never changes what
normalisation does.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Final

TABLE_PATH: Final[Path] = Path(__file__).with_name("data") / "nfkc.json"

# The full-width comma stays: after NFKC it would read as a thousands separator in "100，200个".
KEEP: Final[frozenset[str]] = frozenset("，")


def compute() -> tuple[dict[int, str], list[str]]:
    """The one-character NFKC rewrites by code point, and the characters whose NFKC form is longer."""
    table: dict[int, str] = {}
    variable: list[str] = []
    for cp in range(0x80, 0x10000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        ch = chr(cp)
        if ch in KEEP:
            continue
        norm = unicodedata.normalize("NFKC", ch)
        if norm == ch:
            continue
        if len(norm) == 1:
            # Only the full-width digits become digits; other digit look-alikes are labels.
            if norm.isdigit() and not 0xFF10 <= cp <= 0xFF19:
                continue
            table[cp] = norm
        elif any(c.isalpha() or c in "%°" for c in norm) and not any(c.isdigit() for c in norm):
            # unit symbols ("㎞", "℃", "㎡"); punctuation such as "…" stays as written
            variable.append(ch)
    return table, variable


def rewrites() -> tuple[dict[int, str], list[str]]:
    """`compute()`, read from data/nfkc.json when it was written for this Python's Unicode version."""
    try:
        data = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return compute()
    if not isinstance(data, dict) or data.get("unicode") != unicodedata.unidata_version:
        return compute()
    return {int(cp): norm for cp, norm in data["rewrites"].items()}, [chr(cp) for cp in data["variable"]]
