"""Fixtures shared by the whole suite: the seeds, a copy of them, and the real CLI as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@dataclass
class CliResult:
    """A finished `checker` subprocess."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_checker(
    *args: str | Path, cwd: Path, timeout: float = 120, env: dict[str, str] | None = None
) -> CliResult:
    """Run `python -m checker ARGS` in `cwd`, as a user would."""
    full_env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200", **(env or {})}
    proc = subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=full_env,
        check=False,
    )
    return CliResult(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., CliResult]:
    """Run the CLI in tmp_path with the store and reports kept there."""

    def run(*args: str | Path, **kwargs: Any) -> CliResult:
        return run_checker(*args, cwd=kwargs.pop("cwd", tmp_path), **kwargs)

    return run


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of seeds/ (only the .txt reports) to change at will."""
    target = tmp_path / "corpus"
    target.mkdir()
    for f in SEEDS.glob("*.txt"):
        shutil.copy(f, target / f.name)
    return target


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    """Change text in a corpus file, failing loudly if the text is not there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
