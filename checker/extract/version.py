"""The extractor's version: stored claims from another version are extracted again.

The package version, a revision bumped by hand whenever the extractor's output
changes for the same text, and a digest of the word lists and tables it reads
(a user-visible table edit must never leave stale claims behind).  Not a hash
of the source files: a comment or a refactor does not re-extract a corpus.
"""

from __future__ import annotations

import hashlib
from typing import Final

from checker import __version__
from checker.extract import lexicon
from checker.extract.traditional import TRADITIONAL_TO_SIMPLIFIED
from checker.units import UNIT_WORDS

# Bump when extraction gives other claims or relations for the same document.
# 5: English subjects read by englishsubject.py, "exceed" a bound word; a bracketed note before a Chinese
# figure no longer empties its subject.
# 6: an English sentence's full stop before a line that opens with a Chinese figure ends the sentence
# (only a digit's "." joins across the break: 12.\n3%).
REVISION: Final[int] = 6


def _data_digest() -> str:
    digest = hashlib.sha256()
    tables: list[object] = [
        sorted(TRADITIONAL_TO_SIMPLIFIED.items()),
        sorted((k, str(v)) for k, v in UNIT_WORDS.items()),
    ]
    tables += [getattr(lexicon, name) for name in sorted(dir(lexicon)) if name.isupper()]
    for table in tables:
        # Sets print in hash order, which changes between processes: sort them first.
        stable = sorted(table) if isinstance(table, (set, frozenset)) else table
        digest.update(repr(stable).encode("utf-8"))
    return digest.hexdigest()[:12]


EXTRACTOR_VERSION: Final[str] = f"{__version__}.{REVISION}+{_data_digest()}"
