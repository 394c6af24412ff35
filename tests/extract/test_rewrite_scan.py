"""normalize's one-to-one rewrites, found one character at a time, are `str.translate` of the whole text."""

from __future__ import annotations

import random
from pathlib import Path

from checker.extract.normalize import _TABLE, _VARIABLE, _rewritten

ROOT = Path(__file__).resolve().parents[2]


def test_rewritten_is_translate_and_finds_every_character_that_changes_length() -> None:
    rng = random.Random(3)
    keys = [chr(k) for k in sorted(_TABLE)]
    astral = [chr(k) for k in range(0x1F100, 0x1F1FF)] + ["\U00020000", "\U0002f800", "\U0002fa1d"]
    alphabet = [*rng.sample(keys, 300), *_VARIABLE[:50], *astral, "中", "文", "1", " ", "\n", "，"]
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(2000)]
    variable = set(_VARIABLE)
    # so the rewritten text holds such a character exactly where the original does
    assert not variable & {chr(k) for k in _TABLE} and not variable & set(_TABLE.values())
    seen = 0
    for text in texts:
        out, has_variable = _rewritten(text)
        assert out == text.translate(_TABLE)
        assert has_variable == any(ch in variable for ch in text)
        seen += has_variable
    assert seen > 100
