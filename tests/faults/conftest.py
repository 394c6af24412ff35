"""Fixtures for the fault tests: a small corpus in a temporary folder and the real CLI on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from faultkit import SEEDS, Run, no_traceback


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """corpus/ with three seed reports."""
    root = tmp_path / "corpus"
    root.mkdir()
    for seed in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(seed, root / seed.name)
    return root


@pytest.fixture
def run(tmp_path: Path) -> Run:
    """`python -m checker ARGS` in tmp_path (store in state/, reports in reports/ unless given), to the end."""

    def go(
        *args: str | Path, timeout: float = 120, default_paths: bool = True
    ) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-m", "checker", *map(str, args)]
        if default_paths and args and args[0] == "check":
            if "--store" not in args:
                argv += ["--store", "state/checker.db"]
            if "--reports" not in args:
                argv += ["--reports", "reports"]
        result = subprocess.run(
            argv,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
            check=False,
        )
        no_traceback(result)
        return result

    return go


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str, str], Path]]:
    """Mount a small tmpfs under tmp_path (root only); skip saying why where that cannot be done."""
    mounted: list[Path] = []

    def mount(name: str, size: str) -> Path:
        point = tmp_path / name
        point.mkdir()
        if os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip(
                "needs root and mount(8) to mount a small tmpfs (a real full or read-only file system)"
            )
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point)],
            check=False,
            capture_output=True,
        )
        if done.returncode != 0:
            pytest.skip(
                f"cannot mount a tmpfs here ({done.stderr.decode().strip()}): no small file system to fill"
            )
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], check=False)
