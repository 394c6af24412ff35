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
        phases = {k: float(v) for k, v in re.findall(r"(\w+)=([\d.]+)", line)}
        assert {"published", "sync", "evaluate", "write_reports"} <= phases.keys(), line
        # The reports are out after they were written, and before the run (the store's bookkeeping) ends.
        wall = float(line.split(" s ")[0].split()[-1])
        assert phases["write_reports"] <= phases["published"] <= wall + 0.01, line
    edits = [line for line in done.stdout.splitlines() if line.startswith("edit")]
    assert all(float(dict(re.findall(r"(\w+)=([\d.]+)", e))["sync"]) > 0 for e in edits)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="--memory reads Linux's /proc")
def test_memory_gives_each_phases_resident_memory_and_the_peak(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "phases.py"), "--size", "30", "--edits", "1", "--work",
         str(tmp_path / "w"), "--cli", "--memory"],
        capture_output=True, text=True, timeout=300, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["cold", "memory", "edit", "memory"]
    for timed, memory in zip(lines[::2], lines[1::2], strict=True):
        phases = dict(re.findall(r"(\w+)=([\d.]+)", timed))
        phases.pop("published")  # a moment, not a phase
        resident = {k: int(v) for k, v in re.findall(r"(\w+)=(\d+)\b", memory)}
        peak = resident.pop("peak")
        # Every timed phase has its memory, in MB: more than the interpreter alone, never above the peak.
        assert resident.keys() == phases.keys(), memory
        assert all(20 < mb <= peak for mb in resident.values()), memory
