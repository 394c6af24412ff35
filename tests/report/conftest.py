"""Fixtures: hand-built reports for the renderer tests, and the real CLI for the behaviour tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from corpora import CLI
from report_samples import sample_report

from checker.models import Report


@pytest.fixture
def report() -> Report:
    return sample_report()


@pytest.fixture
def evil_report() -> Report:
    return sample_report(payloads=True)


@pytest.fixture
def cli(tmp_path: Path) -> CLI:
    """Run the real `checker` in a subprocess with its store and reports under tmp_path."""

    def run(
        *args: str | Path, store: bool = True, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-m", "checker", *map(str, args)]
        command = args[0] if args else ""
        if store and command in ("check", "report", "accept"):
            argv += ["--store", str(tmp_path / "store.db")]
        if store and command == "check":
            argv += ["--reports", str(tmp_path / "reports")]
        full_env = {
            **os.environ,
            "CHECKER_LOG_FILE": str(tmp_path / "checker.log"),
            "NO_COLOR": "1",
            **(env or {}),
        }
        return subprocess.run(
            argv, check=False, cwd=tmp_path, env=full_env, capture_output=True, text=True, timeout=120
        )

    return run
