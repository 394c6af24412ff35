"""Write checker/extract/data/nfkc.json: the NFKC rewrites normalisation uses, for this Python's Unicode.

    .venv/bin/python tools/nfkc_table.py        (or: make nfkc-table)

`checker.extract.nfkc` reads the file instead of walking the Basic Multilingual
Plane through unicodedata at every start; tests/extract/test_nfkc_table.py
checks it is current.  Run this after changing `checker.extract.nfkc.compute`
or moving to a Python with another Unicode version.
"""

from __future__ import annotations

import json
import sys
import unicodedata

from checker.extract import nfkc


def render() -> str:
    """One rewrite per line, so that a change reads as a small diff.

    Code points, not characters, for what NFKC changes: an editor that saves in NFC would rewrite some of them.
    """
    table, variable = nfkc.compute()
    rows = [f"  {json.dumps(str(cp))}: {json.dumps(norm, ensure_ascii=False)}" for cp, norm in table.items()]
    return (
        f'{{"unicode": {json.dumps(unicodedata.unidata_version)},\n'
        f' "variable": {json.dumps([ord(c) for c in variable])},\n'
        ' "rewrites": {\n' + ",\n".join(rows) + "\n }\n}\n"
    )


def main() -> int:
    """Write the file and say which Unicode version it holds."""
    nfkc.TABLE_PATH.parent.mkdir(parents=True, exist_ok=True)
    nfkc.TABLE_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {nfkc.TABLE_PATH} (Unicode {unicodedata.unidata_version})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
