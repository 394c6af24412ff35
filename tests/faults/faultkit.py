"""What the fault tests share beside their fixtures, under a name no other test folder's module has.

(Imported as `conftest`, it was whichever conftest came first on the path: tests/faults and tests/service
could not be collected in one run.)
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent.parent / "seeds"
Run = Callable[..., subprocess.CompletedProcess[str]]


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    """No Python traceback on either stream (only --debug shows one)."""
    assert "Traceback (most recent call last)" not in result.stderr + result.stdout, result.stderr
