"""Traditional → Simplified characters: OpenCC's character table, one character onto one.

The pairs are OpenCC's own (t2s, and tw2s/hk2s for the regional variants t2s
leaves alone), generated into `opencc_chars.py` by tools/opencc_table.py: only
characters that become exactly one other character are kept, so normalisation
keeps its one-to-one offset map.  Phrase-level conversion (乾燥 → 干燥 but 乾隆
kept) is out of reach of a character table; every document goes through the
same table, so a figure's subject reads alike whichever script it was written in.
"""

from __future__ import annotations

from typing import Final

from checker.extract.opencc_chars import PAIRS

TRADITIONAL_TO_SIMPLIFIED: Final[dict[str, str]] = dict(zip(PAIRS[::2], PAIRS[1::2], strict=True))
