"""A kept unit's row is found by the digest of its key: equal keys, equal digests, in any process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from checker import kept

ROOT = Path(__file__).resolve().parents[2]
KEY = (("a.txt:1:3", "a.txt:5:9"), (("a.txt", "sig"),), ("document", "b.txt", "sig2"), 3, None, 1.5)


def _fresh(text: str) -> str:
    """An equal string that is another object (marshal's later versions would write it as a reference)."""
    return "".join(list(text))


def test_equal_keys_give_equal_digests_however_their_strings_are_shared() -> None:
    ident = "a.txt:1:3"
    shared = ((ident, ident), ident)
    apart = ((_fresh(ident), _fresh(ident)), _fresh(ident))
    assert shared == apart and shared[0][0] is shared[0][1] and apart[0][0] is not apart[0][1]
    assert kept.digest("salt", shared) == kept.digest("salt", apart)


def test_keys_that_differ_give_different_digests() -> None:
    digests = {
        kept.digest("salt", key)
        for key in [("ab", "c"), ("a", "bc"), (("ab", "c"),), ("ab", ("c",)), ("ab", "c", None), (1,), ("1",)]
    }
    assert len(digests) == 7
    assert kept.digest("salt", KEY) != kept.digest("other salt", KEY)


def test_another_process_gives_the_same_digest() -> None:
    code = f"from checker import kept; print(kept.digest('salt', {KEY!r}))"
    env = {**os.environ, "PYTHONHASHSEED": "12345", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == kept.digest("salt", KEY)
