"""bench/child.py measures the child's memory, not the memory of the process that started it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from bench.child import run

HOLD = (
    "x = bytearray({mb} * 2**20)\nfor i in range(0, len(x), 4096): x[i] = 1\nimport time; time.sleep(0.3)\n"
)


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs /proc (Linux)")
def test_a_child_of_a_large_bench_is_measured_alone(tmp_path: Path) -> None:
    bench = bytearray(400 * 2**20)  # the bench holding a large corpus or report
    for i in range(0, len(bench), 4096):
        bench[i] = 1
    small = run([sys.executable, "-c", HOLD.format(mb=20)], tmp_path, tmp_path / "small.log")
    large = run([sys.executable, "-c", HOLD.format(mb=200)], tmp_path, tmp_path / "large.log")
    assert small.returncode == large.returncode == 0
    assert small.peak_mb < 150, small  # wait4's ru_maxrss said 400+ MB: the bench's own memory
    assert 200 < large.peak_mb < 400, large
    assert len(bench) == 400 * 2**20
