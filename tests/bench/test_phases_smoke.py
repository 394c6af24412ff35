"""bench/phases.py keeps working: a cold check, the service's start-up and edits, and a command's edits."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("mode", [[], ["--cli"]])
def test_every_run_prints_its_phases(tmp_path: Path, mode: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "phases.py"), "--size", "30", "--edits", "2", "--work",
         str(tmp_path / "w"), *mode],
        capture_output=True, text=True, timeout=300, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    runs = [line.split()[0] for line in done.stdout.splitlines()]
    assert runs == ["cold", "edit", "edit"] if mode else ["cold", "service", "edit", "edit"]
    for line in done.stdout.splitlines():
        phases = dict(re.findall(r"(\w+)=([\d.]+)", line))
        assert {"sync", "evaluate", "write_reports"} <= phases.keys(), line
    edits = [line for line in done.stdout.splitlines() if line.startswith("edit")]
    assert all(float(dict(re.findall(r"(\w+)=([\d.]+)", e))["sync"]) > 0 for e in edits)
