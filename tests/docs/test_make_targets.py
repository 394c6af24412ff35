"""`make run` installs the runtime only; `make test` adds the development extras (as make would run them)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import ROOT


def _plan(target: str, venv: Path) -> str:
    done = subprocess.run(
        ["make", "-n", target, f"VENV={venv}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_run_installs_only_the_runtime(tmp_path: Path) -> None:
    plan = _plan("run", tmp_path / "fresh-venv")
    assert "pip install --quiet -e .\n" in plan
    assert "[dev]" not in plan and "playwright" not in plan.lower()
    assert "checker check seeds/" in plan


def test_test_adds_the_dev_extras(tmp_path: Path) -> None:
    plan = _plan("test", tmp_path / "fresh-venv")
    assert "pip install --quiet -e .\n" in plan and "pip install --quiet -e '.[dev]'" in plan
    assert "pytest" in plan
